/**
 * Unit reports received from the scan worker, rebuilt compact for the language server to keep for
 * the session. A 10,000-file workspace's reports hold ~1.2 million positions and ranges and ~400,000
 * other small objects; as a structured clone decodes them, each is a separate object (the sharing
 * the worker had is undone across messages), and each is laid out for a generic object: four
 * property slots at least, the properties past four in a separate array. Rebuilt as object literals
 * of their own shapes, with one object per position and per range of a file (a child module's
 * places recur in the reports of every module calling it), they took a quarter less memory.
 *
 * Every field is kept, with the same values: a host cannot tell a compacted report from the one
 * the worker sent. Sharing is safe because nothing mutates results in place; arrays are never
 * shared (hosts may sort or extend `controls` and `fixes`).
 */
import type { UnitReport } from '../engine';
import { keptBody } from '../engine';
import type { ControlRef, Finding } from '../findings';
import type { ParseProblem, Position, Range, Resource, Suppression, TextEdit } from '../model/types';
import type { Fix } from '../rules/types';

type Pass = UnitReport['passes'][number];
type ResourceSummary = Finding['resource'];

/** Range keys pack both offsets into one number while it stays exact (offsets below 2^26). */
const RANGE_KEY_LIMIT = 2 ** 26;

/** One file's positions by offset and ranges by offsets (a file's text fixes an offset's line and character). */
interface FilePlaces {
  positions: Map<number, Position>;
  ranges: Map<number, Range>;
  /** `Finding.resource` summaries, by address and range. */
  summaries: Map<string, ResourceSummary>;
}

/**
 * Copies the fields a literal of known shape did not list (optional fields a producer added, or
 * fields added to the types later), so nothing is dropped; they land outside the literal's layout.
 */
function copyRest<T extends object>(out: T, from: T): T {
  for (const key in from) if (!(key in out)) out[key] = from[key];
  return out;
}

/**
 * The tables live for one scan: one compactor adopts every batch of it, so places and strings are
 * shared across batches; drop it afterwards (its tables are garbage then, the reports stay).
 */
export class ReportCompactor {
  private readonly strings = new Map<string, string>();
  private readonly files = new Map<string, FilePlaces>();
  private readonly controls = new Map<string, ControlRef>();

  report(r: UnitReport): UnitReport {
    const out: UnitReport = {
      unitId: this.str(r.unitId),
      findings: r.findings.map((f) => this.finding(f)),
      problems: r.problems.map((p) => this.problem(p)),
      resources: r.resources.map((x) => this.resource(x)),
      passes: r.passes.map((p) => this.pass(p)),
      syntax: r.syntax.map((p) => this.problem(p)),
    };
    // Account facts are one small object per module: kept as decoded.
    return copyRest(out, r);
  }

  /** The worker's local module calls per `.tf` file, their paths shared with the reports'. */
  callTargets(list: ReadonlyArray<[string, string[]]>): Array<[string, string[]]> {
    return list.map(([path, targets]) => [this.str(path), targets.map((t) => this.str(t))]);
  }

  private str<T extends string>(s: T): T;
  private str<T extends string>(s: T | undefined): T | undefined;
  private str<T extends string>(s: T | undefined): T | undefined {
    if (typeof s !== 'string') return s;
    const known = this.strings.get(s);
    if (known !== undefined) return known as T;
    this.strings.set(s, s);
    return s;
  }

  private places(file: string): FilePlaces {
    let p = this.files.get(file);
    if (!p) {
      p = { positions: new Map(), ranges: new Map(), summaries: new Map() };
      this.files.set(file, p);
    }
    return p;
  }

  private position(places: FilePlaces, p: Position): Position {
    const known = places.positions.get(p.offset);
    if (known && known.line === p.line && known.character === p.character) return known;
    const made: Position = { line: p.line, character: p.character, offset: p.offset };
    // A position disagreeing with the one held (no producer should make one) is kept apart.
    if (!known) places.positions.set(p.offset, made);
    return made;
  }

  private range(file: string, r: Range): Range {
    const places = this.places(file);
    const { start, end } = r;
    const shareable = start.offset >= 0 && end.offset >= 0 && start.offset < RANGE_KEY_LIMIT && end.offset < RANGE_KEY_LIMIT;
    const key = start.offset * RANGE_KEY_LIMIT + end.offset;
    const known = shareable ? places.ranges.get(key) : undefined;
    if (known && samePosition(known.start, start) && samePosition(known.end, end)) return known;
    const made: Range = { start: this.position(places, start), end: this.position(places, end) };
    if (shareable && !known) places.ranges.set(key, made);
    return made;
  }

  private finding(f: Finding): Finding {
    const file = this.str(f.file);
    // Two literals rather than one and `viaModuleCall` added after: a property added to a literal
    // lands in a separate property array, and half a workspace's findings come through module calls.
    const out: Finding =
      f.viaModuleCall === undefined
        ? {
            ruleId: this.str(f.ruleId),
            title: this.str(f.title),
            message: this.str(f.message),
            severity: this.str(f.severity),
            file,
            range: this.range(file, f.range),
            format: this.str(f.format),
            resource: this.summary(f.resource),
            controls: f.controls.map((c) => this.control(c)),
            fixes: f.fixes.map((x) => this.fix(x)),
          }
        : {
            ruleId: this.str(f.ruleId),
            title: this.str(f.title),
            message: this.str(f.message),
            severity: this.str(f.severity),
            file,
            range: this.range(file, f.range),
            format: this.str(f.format),
            resource: this.summary(f.resource),
            controls: f.controls.map((c) => this.control(c)),
            fixes: f.fixes.map((x) => this.fix(x)),
            viaModuleCall: this.str(f.viaModuleCall),
          };
    if (f.suppressed) out.suppressed = this.suppression(f.suppressed);
    if (f.expiredSuppression) out.expiredSuppression = this.suppression(f.expiredSuppression);
    return copyRest(out, f);
  }

  private summary(s: ResourceSummary): ResourceSummary {
    const file = this.str(s.file);
    const places = this.places(file);
    const key = `${s.address}\u0000${s.type}\u0000${s.name}\u0000${s.range.start.offset}\u0000${s.range.end.offset}\u0000${s.headerRange.start.offset}\u0000${s.headerRange.end.offset}`;
    const known = places.summaries.get(key);
    if (known && Object.keys(s).length === 6) return known;
    const out = copyRest<ResourceSummary>(
      {
        type: this.str(s.type),
        name: this.str(s.name),
        address: this.str(s.address),
        file,
        range: this.range(file, s.range),
        headerRange: this.range(file, s.headerRange),
      },
      s,
    );
    if (!known && Object.keys(s).length === 6) places.summaries.set(key, out);
    return out;
  }

  private control(c: ControlRef): ControlRef {
    const key = `${c.framework}\u0000${c.id}\u0000${c.title}`;
    let known = this.controls.get(key);
    if (!known) {
      known = copyRest<ControlRef>({ framework: this.str(c.framework), id: this.str(c.id), title: this.str(c.title) }, c);
      this.controls.set(key, known);
    }
    return known;
  }

  private fix(f: Fix): Fix {
    return copyRest<Fix>({ title: this.str(f.title), safety: this.str(f.safety), edits: f.edits.map((e) => this.edit(e)) }, f);
  }

  private edit(e: TextEdit): TextEdit {
    const file = this.str(e.file);
    return copyRest<TextEdit>({ file, range: this.range(file, e.range), newText: this.str(e.newText) }, e);
  }

  private suppression(s: Suppression): Suppression {
    const file = this.str(s.file);
    return copyRest<Suppression>({ ruleId: this.str(s.ruleId), source: this.str(s.source), file, range: this.range(file, s.range) }, s);
  }

  private pass(p: Pass): Pass {
    const file = this.str(p.file);
    return copyRest<Pass>({ ruleId: this.str(p.ruleId), file, address: this.str(p.address), range: this.range(file, p.range) }, p);
  }

  private resource(r: Resource): Resource {
    const file = this.str(r.file);
    const out: Resource = {
      format: this.str(r.format),
      kind: this.str(r.kind),
      type: this.str(r.type),
      name: this.str(r.name),
      address: this.str(r.address),
      moduleId: this.str(r.moduleId),
      file,
      range: this.range(file, r.range),
      headerRange: this.range(file, r.headerRange),
      // Kept resources have no evaluated body (see engine.ts `withoutBody`): only its range.
      body: keptBody(this.range(file, r.body.range)),
    };
    if (r.suppressions) out.suppressions = r.suppressions.map((s) => this.suppression(s));
    return copyRest(out, r);
  }

  private problem(p: ParseProblem): ParseProblem {
    const file = this.str(p.file);
    const out: ParseProblem = { file, range: this.range(file, p.range), message: this.str(p.message), severity: this.str(p.severity) };
    if (p.kind !== undefined) out.kind = this.str(p.kind);
    return copyRest(out, p);
  }
}

function samePosition(a: Position, b: Position): boolean {
  return a.offset === b.offset && a.line === b.line && a.character === b.character;
}
