// Paths to operations: exact paths in a map, templated ones (`/contacts/{contact_uuid}/tier`)
// as regular expressions, each both at the root and under the production server's prefix.

export interface PathEntry<Target> {
  /** The path as the spec writes it, for messages. */
  specPath: string;
  methods: Map<string, Target>;
  /** `GET, HEAD, POST`, for 405 answers and preflights. */
  allow: string;
  names: string[];
  pattern: RegExp | null;
}

export interface Match<Target> {
  entry: PathEntry<Target>;
  params: Record<string, string>;
}

function compile(path: string): { pattern: RegExp | null; names: string[] } {
  const names: string[] = [];
  if (!path.includes("{")) return { pattern: null, names };
  const source = path
    .split(/(\{[^}]+\})/)
    .map((part) => {
      if (!part.startsWith("{")) return part.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
      names.push(part.slice(1, -1));
      return "([^/]+)";
    })
    .join("");
  return { pattern: new RegExp(`^${source}$`), names };
}

export class Router<Target> {
  private readonly exact = new Map<string, PathEntry<Target>>();
  private readonly patterned: PathEntry<Target>[] = [];

  constructor(private readonly prefix: string) {}

  /** GET also answers HEAD. */
  add(method: string, specPath: string, target: Target): void {
    for (const base of this.prefix ? ["", this.prefix] : [""]) {
      const full = base + specPath;
      const { pattern, names } = compile(full);
      let entry = pattern ? this.patterned.find((e) => e.pattern!.source === pattern.source) : this.exact.get(full);
      if (!entry) {
        entry = { specPath, methods: new Map(), allow: "", names, pattern };
        if (pattern) this.patterned.push(entry);
        else this.exact.set(full, entry);
      }
      entry.methods.set(method, target);
      if (method === "GET" && !entry.methods.has("HEAD")) entry.methods.set("HEAD", target);
      entry.allow = [...entry.methods.keys()].join(", ");
    }
    // Literal segments win over parameters (`/contacts/find` before `/contacts/{uuid}`).
    this.patterned.sort((a, b) => literalLength(b.specPath) - literalLength(a.specPath));
  }

  /** `path` without query string; a trailing slash is ignored. */
  find(path: string): Match<Target> | null {
    if (path.length > 1 && path.endsWith("/")) path = path.slice(0, -1);
    const entry = this.exact.get(path);
    if (entry) return { entry, params: {} };
    for (const candidate of this.patterned) {
      const match = candidate.pattern!.exec(path);
      if (!match) continue;
      const params: Record<string, string> = {};
      candidate.names.forEach((name, i) => {
        try {
          params[name] = decodeURIComponent(match[i + 1]!);
        } catch {
          params[name] = match[i + 1]!; // left encoded; validation will refuse it
        }
      });
      return { entry: candidate, params };
    }
    return null;
  }
}

function literalLength(path: string): number {
  return path.replace(/\{[^}]+\}/g, "").length;
}
