import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Plugin, Rollup } from "vite";
import zaloMiniApp from "zmp-vite-plugin";

/** mini-app/app-config.json: the app's title and colours; the file lists are filled by the build. */
export interface AppConfig {
  app: { title: string } & Record<string, unknown>;
  listCSS: string[];
  listSyncJS: string[];
  listAsyncJS: string[];
}

/** A plain (not module) script Zalo runs before the app's entry, e.g. the lesson prefetch. */
export interface StartScript {
  name: string;
  source: string;
}

/**
 * The package `zmp deploy` uploads. Zalo's runtime does not use index.html: it loads the files that
 * www/app-config.json lists (listCSS, listSyncJS in order, then listAsyncJS; zmp-cli's sync-config puts
 * `<script async>` in listAsyncJS and names ES modules `*.module.js`). zmp-vite-plugin, as in Zalo's
 * templates, names every chunk `*.module.js`, makes paths relative (`base: "./"`) and writes that file,
 * but lists only the entry's static imports; the screens loaded on demand (quiz, settings…) are added
 * here so the package names every script it holds, and the start scripts go before the entry.
 */
export function zaloPackage(appConfig: AppConfig, startScripts: StartScript[]): Plugin[] {
  return [zaloMiniApp(appConfig), listEveryScript(startScripts)];
}

function listEveryScript(startScripts: StartScript[]): Plugin {
  let startFiles: string[] = [];
  return {
    name: "zalo-list-every-script",
    apply: "build",
    generateBundle() {
      startFiles = startScripts.map((s) => this.getFileName(this.emitFile({ type: "asset", name: s.name, source: s.source })));
    },
    writeBundle: {
      // After zmp-vite-plugin's writeBundle has written app-config.json.
      order: "post",
      sequential: true,
      handler(options, bundle) {
        const dir = options.dir!;
        const file = join(dir, "app-config.json");
        let config: AppConfig;
        try {
          config = JSON.parse(readFileSync(file, "utf8")) as AppConfig;
        } catch (err) {
          this.error(`zmp-vite-plugin did not write ${file} (${String(err)}); revisit mini-app/build/zalo-package.ts`);
        }
        const listed = new Set([...config.listSyncJS, ...config.listAsyncJS]);
        const rest = chunksDependenciesFirst(bundle).filter((f) => !listed.has(f));
        const complete = { ...config, listSyncJS: [...startFiles, ...config.listSyncJS], listAsyncJS: [...config.listAsyncJS, ...rest] };
        writeFileSync(file, `${JSON.stringify(complete, null, 2)}\n`);
        // Not uploaded (zmp-cli says so) and not used by Zalo: keep www/ to what the package is.
        rmSync(join(dir, "index.html"), { force: true });
      },
    },
  };
}

/** Every chunk, each after the chunks it imports statically, in the bundle's own order otherwise. */
function chunksDependenciesFirst(bundle: Rollup.OutputBundle): string[] {
  const chunks = new Map(
    Object.values(bundle)
      .filter((o): o is Rollup.OutputChunk => o.type === "chunk")
      .map((c) => [c.fileName, c]),
  );
  const ordered: string[] = [];
  const seen = new Set<string>();
  const visit = (name: string) => {
    const chunk = chunks.get(name);
    if (!chunk || seen.has(name)) return;
    seen.add(name);
    chunk.imports.forEach(visit);
    ordered.push(name);
  };
  for (const name of chunks.keys()) visit(name);
  return ordered;
}
