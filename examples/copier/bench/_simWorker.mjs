// Worker entry: loads the TypeScript worker through tsx (a worker thread does not inherit tsx's hooks).
import { tsImport } from 'tsx/esm/api'

await tsImport('./_simWorker.ts', import.meta.url)
