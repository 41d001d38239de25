-- TrustLint for Neovim 0.7+ (0.7 has no vim.lsp.start / vim.fs: start_client + buf_attach_client).
-- This is the README's snippet; the e2e test (test/e2e/nvim/run.mjs) runs Neovim with it as its
-- only config, with TRUSTLINT_SERVER pointing at dist/server.js.
local server = vim.env.TRUSTLINT_SERVER or '/path/to/trustlint/dist/server.js'
local clients = {} -- one client per project root

local function project_root(file)
  local dir = vim.fn.fnamemodify(file, ':p:h')
  local policy = vim.fn.findfile('.trustlint.yaml', dir .. ';')
  if policy ~= '' then return vim.fn.fnamemodify(policy, ':p:h') end
  local git = vim.fn.finddir('.git', dir .. ';')
  if git ~= '' then return vim.fn.fnamemodify(git, ':p:h:h') end
  return dir
end

vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'terraform', 'hcl', 'yaml', 'json' },
  callback = function(args)
    local file = vim.api.nvim_buf_get_name(args.buf)
    if file == '' then return end
    local root = project_root(file)
    if not clients[root] then
      clients[root] = vim.lsp.start_client({
        name = 'trustlint',
        cmd = { 'node', server, '--stdio' },
        root_dir = root,
        workspace_folders = { { uri = vim.uri_from_fname(root), name = vim.fn.fnamemodify(root, ':t') } },
      })
    end
    if clients[root] then vim.lsp.buf_attach_client(args.buf, clients[root]) end
  end,
})
