// What an editor shows: hovers name the spec's types (`Tier[]`, `CreatedUnit`) rather than
// spelling out their shapes. Asked of TypeScript's language service, as editors do.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const file = `${packageDir}test/__hover__.ts`;
const source = `import { createLeatClient } from "../src/index.js";
const leat = createLeatClient({ apiKey: "k" });
export const tiers = await leat.tiers.list();
export const created = await leat.units.create({ name: "visits", label: "Visits" });
export const tier = await leat.contacts.getTier("uuid");
export const full = await leat.units.list().withResponse();
`;

let service: ts.LanguageService | undefined;

function hover(word: string): string {
  service ??= createService();
  const info = service.getQuickInfoAtPosition(file, source.indexOf(word));
  return ts.displayPartsToString(info?.displayParts);
}

function createService(): ts.LanguageService {
  const config = ts.getParsedCommandLineOfConfigFile(`${packageDir}tsconfig.json`, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => config.options,
    getScriptFileNames: () => [file],
    getScriptVersion: () => "1",
    getScriptSnapshot: (name) => ts.ScriptSnapshot.fromString(name === file ? source : readFileSync(name, "utf8")),
    getCurrentDirectory: () => packageDir,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: (name) => name === file || ts.sys.fileExists(name),
    readFile: (name) => (name === file ? source : ts.sys.readFile(name)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  return ts.createLanguageService(host);
}

describe("hovers", () => {
  // One program of the package: slow on a busy 2-core machine, hence the long timeout.
  it("name the schema types", { timeout: 120_000 }, () => {
    expect(hover("tiers =")).toBe("const tiers: Tier[]");
    expect(hover("created =")).toBe("const created: CreatedUnit");
    expect(hover("tier =")).toBe("const tier: Tier | null");
    expect(hover("full =")).toBe("const full: LeatResponse<Unit[]>");
    expect(hover("create(")).toContain("create(body: CreateUnitBody, options?: LeatRequestOptions): LeatPromise<CreatedUnit>");
    expect(hover("getTier(")).toContain("getTier(contactUuid: string, options?: LeatRequestOptions)");
  });
});
