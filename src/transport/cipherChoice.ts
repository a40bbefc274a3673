/**
 * Which AES implementation a transport uses. `'auto'` (the default) picks the `node:crypto` fast
 * path when running under Node — loaded with a dynamic import, so browser code never evaluates
 * `node:crypto` — and the pure-JS noble implementation everywhere else. See bench/RESULTS.md.
 */
import { type CipherFactory, createNobleCipher } from '../protocol/cipher.js'
import { isNode } from './isNode.js'

/** `'auto'`, `'noble'` (pure JS), `'node'` (node:crypto, Node only) or a custom factory. */
export type CipherChoice = 'auto' | 'noble' | 'node' | CipherFactory

/** Resolves a {@link CipherChoice} to a factory. */
export async function resolveCipher(choice: CipherChoice = 'auto'): Promise<CipherFactory> {
  if (typeof choice === 'function') return choice
  if (choice === 'noble') return createNobleCipher
  if (choice === 'node' || isNode()) {
    try {
      const { createNodeCipher } = await import('../protocol/cipherNode.js')
      return createNodeCipher
    } catch (error) {
      if (choice === 'node') throw error
    }
  }
  return createNobleCipher
}
