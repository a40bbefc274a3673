import { defineConfig } from 'tsup'

// One output file per source file (bundle: false) so a user's bundler drops what is not imported.
export default defineConfig({
  entry: ['src/**/*.ts'],
  format: ['esm'],
  bundle: false,
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  outDir: 'dist',
  splitting: false,
  treeshake: false,
})
