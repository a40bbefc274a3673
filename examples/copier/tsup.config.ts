// The SDK's build settings (one ESM file per source file, declarations), run from this folder.
export { default } from '../../tsup.config.js'
