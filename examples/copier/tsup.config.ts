import { defineConfig } from 'tsup'

// Same shape as the SDK's build: one ESM file per source file, declarations beside them.
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
