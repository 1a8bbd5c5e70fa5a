import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The import boundaries (biome.json, docs/decisions/0015-lint-and-boundaries.md) are lint rules: this
 * writes one file breaking each into the tree, lints it, and expects each broken rule to be reported.
 */
const root = path.resolve(import.meta.dirname, "..");
const probes: Record<string, string> = {
  "features/zz-boundary-probe/probe.ts":
    'import type { ServerServices } from "../../server/services.ts";\nimport { services } from "../../app/server-helpers.ts";\nexport type P = ServerServices;\nexport const s = services;\n',
  "app/routes/zz-boundary-probe.ts":
    'import { eq } from "drizzle-orm";\nimport { users } from "../../features/access/schema.ts";\nimport type { Db } from "../../db/index.ts";\nexport const a = [eq, users];\nexport type D = Db;\n',
  "db/zz-boundary-probe.ts":
    'import { can } from "../features/access/policy.ts";\nimport { users } from "../features/access/schema.ts";\nexport const b = [can, users];\n',
};

function lint(files: string[]) {
  const biome = path.join(root, "node_modules", ".bin", "biome");
  const result = spawnSync(biome, ["lint", "--max-diagnostics=100", ...files], { cwd: root, encoding: "utf8" });
  return `${result.stdout}${result.stderr}`;
}

describe("import boundaries", () => {
  it("refuse features importing the server or pages, routes importing drizzle, a schema or the database, and db/ importing feature code", () => {
    try {
      for (const [file, text] of Object.entries(probes)) {
        mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        writeFileSync(path.join(root, file), text);
      }
      const out = lint(Object.keys(probes));
      const reported = [...out.matchAll(/(\S+zz-boundary-probe\S*):(\d+):\d+ lint\/style\/noRestrictedImports/g)].map((m) => `${m[1]}:${m[2]}`);
      expect(reported.sort()).toEqual([
        "app/routes/zz-boundary-probe.ts:1",
        "app/routes/zz-boundary-probe.ts:2",
        "app/routes/zz-boundary-probe.ts:3",
        "db/zz-boundary-probe.ts:1",
        "features/zz-boundary-probe/probe.ts:1",
        "features/zz-boundary-probe/probe.ts:2",
      ]);
    } finally {
      rmSync(path.join(root, "features/zz-boundary-probe"), { recursive: true, force: true });
      rmSync(path.join(root, "app/routes/zz-boundary-probe.ts"), { force: true });
      rmSync(path.join(root, "db/zz-boundary-probe.ts"), { force: true });
    }
  });
});
