-- Run after init.lua has attached TrustLint to the file given on the command line. Waits for the
-- diagnostics, asks for a hover and the code actions of one finding, applies its first edit
-- action and waits for the finding to go, then writes what it saw as JSON to $OUT and quits.
-- Env: OUT, HOVER_LINE/HOVER_CHAR (zero-based), ACTION_CODE (rule id), FIX_TITLE (optional).
local out = { events = {} }
local bufnr = vim.api.nvim_get_current_buf()
local uri = vim.uri_from_bufnr(bufnr)
out.filetype = vim.bo[bufnr].filetype

local function finish()
  vim.fn.writefile({ vim.fn.json_encode(out) }, vim.env.OUT)
  vim.cmd('qa!')
end

local function codes()
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(list, lsp.code or d.code or '?')
  end
  return list
end

local ok, err = pcall(function()
  local t0 = vim.loop.hrtime()
  out.got_diagnostics = vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20)
  out.diagnostics_ms = math.floor((vim.loop.hrtime() - t0) / 1e6)
  out.attached = {}
  for _, client in pairs(vim.lsp.buf_get_clients(bufnr)) do table.insert(out.attached, client.name) end
  out.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(out.diagnostics, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, source = d.source, code = lsp.code or d.code, message = d.message,
    })
  end

  local hline, hchar = tonumber(vim.env.HOVER_LINE or '0'), tonumber(vim.env.HOVER_CHAR or '0')
  local hover = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover',
    { textDocument = { uri = uri }, position = { line = hline, character = hchar } }, 5000)
  for _, res in pairs(hover or {}) do
    if res.result and res.result.contents then out.hover = res.result.contents.value or res.result.contents end
  end

  if vim.env.COVERAGE == '1' then
    -- TrustLint's own request (the coverage view's data), through Neovim's client.
    local res = vim.lsp.buf_request_sync(bufnr, 'trustlint/coverage', {}, 10000)
    for _, r in pairs(res or {}) do
      if r.error then out.coverage_error = r.error.message or vim.inspect(r.error) end
      if r.result then
        out.coverage = { files = r.result.files, frameworks = {} }
        for _, fw in ipairs(r.result.frameworks or {}) do
          local violated = {}
          for _, g in ipairs(fw.groups or {}) do
            for _, c in ipairs(g.controls or {}) do
              if c.status == 'violated' then table.insert(violated, c.id) end
            end
          end
          table.insert(out.coverage.frameworks, { id = fw.id, summary = fw.summary, violated = violated })
        end
      end
    end
  end

  local code = vim.env.ACTION_CODE
  if code then
    local target
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      local lsp = d.user_data and d.user_data.lsp or {}
      if (lsp.code or d.code) == code then target = d end
    end
    if target then
      -- LSP-shaped diagnostics of that line (with source and code), as 0.7's own code action sends them.
      local context = { diagnostics = {} }
      for _, ld in ipairs(vim.lsp.diagnostic.get_line_diagnostics(bufnr, target.lnum)) do
        if ld.code == code then table.insert(context.diagnostics, ld) end
      end
      out.context_diagnostics = #context.diagnostics
      local range = {
        start = { line = target.lnum, character = target.col },
        ['end'] = { line = target.end_lnum, character = target.end_col },
      }
      local actions = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction',
        { textDocument = { uri = uri }, range = range, context = context }, 5000)
      out.actions = {}
      local fix
      for _, res in pairs(actions or {}) do
        for _, a in ipairs(res.result or {}) do
          table.insert(out.actions, { title = a.title, kind = a.kind, isPreferred = a.isPreferred, command = a.command and a.command.command, has_edit = a.edit ~= nil })
          if not fix and a.edit and (vim.env.FIX_TITLE == nil or a.title == vim.env.FIX_TITLE) then fix = a end
        end
      end
      if fix then
        out.applied = fix.title
        vim.lsp.util.apply_workspace_edit(fix.edit, 'utf-16')
        out.fixed = vim.wait(10000, function() return not vim.tbl_contains(codes(), code) end, 20)
        out.after_fix = codes()
        out.fixed_text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
      end
    end
  end
end)
if not ok then out.error = tostring(err) end
finish()
