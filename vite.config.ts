// The widget's builds, one per mode so that each page loads exactly one script and no shared
// chunks: `--mode loader` makes embed.js (an IIFE, no imports); `--mode sandbox` the script
// inlined into /button/embed (the oEmbed iframe, also an IIFE); `--mode render` the renderer;
// `--mode button` the button's CSS (inlined into /button/embed) and `--mode popup` the hashed
// script and CSS of the /give popup. scripts/build-widget.mjs runs them all and hands the output
// to the Worker as one module.
import { defineConfig } from 'vite';

/** Keep in step with scripts/build-widget.mjs. */
const ENTRIES = { button: 'widget/button/button.css', popup: 'widget/popup/main.ts' } as const;

/** Single-file scripts without imports: the loader, and the oEmbed page's inline script. */
const SCRIPTS: Record<string, { entry: string; file: string }> = {
  loader: { entry: 'widget/loader.ts', file: 'embed.js' },
  sandbox: { entry: 'widget/sandbox/main.ts', file: 'sandbox.js' },
  render: { entry: 'widget/render/main.ts', file: 'render.js' },
};

export default defineConfig(({ mode }) =>
  SCRIPTS[mode]
    ? {
        // The loader names the renderer's hashed path, which scripts/build-widget.mjs knows once the renderer is built.
        define: { __KUDOS_RENDERER__: JSON.stringify(process.env.KUDOS_RENDERER ?? '/w/render.js') },
        build: {
          outDir: `widget/dist/${mode}`,
          emptyOutDir: true,
          target: 'es2020',
          lib: { entry: SCRIPTS[mode].entry, formats: ['iife'], name: 'Kudos', fileName: () => SCRIPTS[mode]!.file },
        },
      }
    : {
        build: {
          outDir: `widget/dist/${mode}`,
          emptyOutDir: true,
          target: 'es2020',
          manifest: true,
          assetsDir: '',
          modulePreload: false,
          rolldownOptions: {
            input: { [mode]: ENTRIES[mode as keyof typeof ENTRIES] },
            output: { entryFileNames: '[name]-[hash].js', assetFileNames: '[name]-[hash][extname]' },
          },
        },
      },
);
