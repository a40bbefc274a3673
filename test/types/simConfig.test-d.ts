import { expectTypeOf, test } from 'vitest'
import type { z } from 'zod'
import type { accountInputSchema, symbolInputSchema } from '../../src/sim/cli/configSchema.js'
import type { AccountConfig, SymbolConfig } from '../../src/sim/index.js'

test('the config file schema covers every SymbolConfig and AccountConfig field', () => {
  expectTypeOf<Exclude<keyof SymbolConfig, keyof z.output<typeof symbolInputSchema>>>().toEqualTypeOf<never>()
  expectTypeOf<
    Exclude<keyof AccountConfig, keyof z.output<typeof accountInputSchema>>
  >().toEqualTypeOf<never>()
})
