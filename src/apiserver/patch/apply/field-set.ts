/**
 * A set of field paths kept as a trie, with the set algebra server-side apply needs and the FieldsV1
 * encoding managedFields use: `{"f:spec":{"f:replicas":{}}}`, where `".": {}` marks a node that is
 * itself a member as well as the parent of members. Paths are members only when inserted: parents
 * of a member are not implied.
 */
import { comparePE, parsePE, serializePE, UnknownPathElementError, type Path, type PathElement } from './path-element.js';

interface Child { pe: PathElement; set: FieldSet }

function sortedValues<T>(m: Map<string, T>, pe: (t: T) => PathElement): T[] {
  return [...m.values()].sort((a, b) => comparePE(pe(a), pe(b)));
}

export class FieldSet {
  readonly members = new Map<string, PathElement>();
  readonly children = new Map<string, Child>();

  static of(...paths: Path[]): FieldSet {
    const s = new FieldSet();
    for (const p of paths) s.insert(p);
    return s;
  }

  /** Adds a path (the empty path, "the whole object", is never a member). */
  insert(p: Path): void {
    if (p.length === 0) return;
    let s: FieldSet = this;
    for (let i = 0; i < p.length - 1; i++) s = s.descend(p[i]);
    s.members.set(serializePE(p[p.length - 1]), p[p.length - 1]);
  }

  private descend(pe: PathElement): FieldSet {
    const k = serializePE(pe);
    let c = this.children.get(k);
    if (!c) {
      c = { pe, set: new FieldSet() };
      this.children.set(k, c);
    }
    return c.set;
  }

  has(p: Path): boolean {
    if (p.length === 0) return false;
    let s: FieldSet | undefined = this;
    for (let i = 0; i < p.length - 1 && s; i++) s = s.children.get(serializePE(p[i]))?.set;
    return !!s && s.members.has(serializePE(p[p.length - 1]));
  }

  /** The subset under one path element, without that element. */
  withPrefix(pe: PathElement): FieldSet {
    return this.children.get(serializePE(pe))?.set ?? new FieldSet();
  }

  empty(): boolean {
    if (this.members.size > 0) return false;
    for (const c of this.children.values()) if (!c.set.empty()) return false;
    return true;
  }

  copy(): FieldSet {
    const out = new FieldSet();
    for (const [k, pe] of this.members) out.members.set(k, pe);
    for (const [k, c] of this.children) out.children.set(k, { pe: c.pe, set: c.set.copy() });
    return out;
  }

  union(o: FieldSet): FieldSet {
    const out = this.copy();
    for (const [k, pe] of o.members) out.members.set(k, pe);
    for (const [k, c] of o.children) {
      const mine = out.children.get(k);
      out.children.set(k, { pe: c.pe, set: mine ? mine.set.union(c.set) : c.set.copy() });
    }
    return out;
  }

  intersection(o: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [k, pe] of this.members) if (o.members.has(k)) out.members.set(k, pe);
    for (const [k, c] of this.children) {
      const theirs = o.children.get(k);
      if (!theirs) continue;
      const i = c.set.intersection(theirs.set);
      if (!i.empty()) out.children.set(k, { pe: c.pe, set: i });
    }
    return out;
  }

  /** Members of this set that are not members of o (a parent minus its child keeps the parent). */
  difference(o: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [k, pe] of this.members) if (!o.members.has(k)) out.members.set(k, pe);
    for (const [k, c] of this.children) {
      const theirs = o.children.get(k);
      const d = theirs ? c.set.difference(theirs.set) : c.set.copy();
      if (!d.empty()) out.children.set(k, { pe: c.pe, set: d });
    }
    return out;
  }

  /** Like difference, but a member of o also removes everything beneath it. */
  recursiveDifference(o: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [k, pe] of this.members) if (!o.members.has(k)) out.members.set(k, pe);
    for (const [k, c] of this.children) {
      if (o.members.has(k)) continue;
      const theirs = o.children.get(k);
      const d = theirs ? c.set.recursiveDifference(theirs.set) : c.set.copy();
      if (!d.empty()) out.children.set(k, { pe: c.pe, set: d });
    }
    return out;
  }

  equals(o: FieldSet): boolean {
    return JSON.stringify(this.toFieldsV1()) === JSON.stringify(o.toFieldsV1());
  }

  /** Calls fn for every member path, in order (members of a node before its children). */
  iterate(fn: (p: Path) => void, prefix: PathElement[] = []): void {
    for (const pe of sortedValues(this.members, (x) => x)) fn([...prefix, pe]);
    for (const c of sortedValues(this.children, (x) => x.pe)) c.set.iterate(fn, [...prefix, c.pe]);
  }

  paths(): Path[] {
    const out: Path[] = [];
    this.iterate((p) => out.push(p));
    return out;
  }

  /** The FieldsV1 trie. */
  toFieldsV1(): Record<string, unknown> {
    return this.emit(false);
  }

  private emit(includeSelf: boolean): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (includeSelf && (this.members.size > 0 || this.children.size > 0)) out['.'] = {};
    const keys = new Map<string, PathElement>();
    for (const [k, pe] of this.members) keys.set(k, pe);
    for (const [k, c] of this.children) keys.set(k, c.pe);
    const ordered = [...keys.entries()].sort((a, b) => comparePE(a[1], b[1]));
    for (const [k] of ordered) {
      const c = this.children.get(k);
      out[k] = c ? c.set.emit(this.members.has(k)) : {};
    }
    return out;
  }

  /** Reads a FieldsV1 trie; path elements of unknown kinds are skipped, as Kubernetes skips them. */
  static fromFieldsV1(v: unknown): FieldSet {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      throw new Error('Cannot decode FieldsV1: not a JSON object');
    }
    return FieldSet.read(v as Record<string, unknown>).children ?? new FieldSet();
  }

  private static read(v: Record<string, unknown>): { children?: FieldSet; isMember: boolean } {
    let children: FieldSet | undefined;
    let isMember = false;
    for (const [key, sub] of Object.entries(v)) {
      if (key === '.') { isMember = true; continue; }
      let pe: PathElement;
      try {
        pe = parsePE(key);
      } catch (err) {
        if (err instanceof UnknownPathElementError) continue;
        throw err;
      }
      if (typeof sub !== 'object' || sub === null || Array.isArray(sub)) {
        throw new Error(`Cannot decode FieldsV1: value of "${key}" is not an object`);
      }
      const r = FieldSet.read(sub as Record<string, unknown>);
      children ??= new FieldSet();
      const k = serializePE(pe);
      if (r.isMember) children.members.set(k, pe);
      if (r.children) children.children.set(k, { pe, set: r.children });
    }
    if (!children) isMember = true;
    return { children, isMember };
  }
}
