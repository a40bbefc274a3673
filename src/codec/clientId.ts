/**
 * Client id (`cid`) of login, init, OTP and verification requests: the first 16 bytes of SHA-1
 * over the UTF-8 string `platform;devicePixelRatio;language;screen;uniq` (docs/architecture.md#commands, cmd
 * 28).
 * Uses WebCrypto, available as global `crypto` in Node ≥ 20 and browsers.
 */

/** The parts hashed into a client id, in wire order. */
export interface ClientIdParts {
  /** `navigator.platform`, e.g. `Win32`. */
  platform: string
  /** `window.devicePixelRatio` as JavaScript prints it, e.g. `1`, `1.25`. */
  devicePixelRatio: number | string
  /** `navigator.language`, e.g. `en-US`. */
  language: string
  /** `"<max(w,h)>x<min(w,h)>"`, e.g. `2560x1440`. */
  screen: string
  /** A random integer persisted per installation. */
  uniq: number | string
}

/** The string that is hashed: the parts joined with `;`. */
export function clientIdInput(parts: ClientIdParts): string {
  return [
    parts.platform,
    String(parts.devicePixelRatio),
    parts.language,
    parts.screen,
    String(parts.uniq),
  ].join(';')
}

/** First 16 bytes of SHA-1 of the `;`-joined parts (or of a ready-made input string). */
export async function computeClientId(parts: ClientIdParts | string): Promise<Uint8Array> {
  const input = typeof parts === 'string' ? parts : clientIdInput(parts)
  const digest = await globalThis.crypto.subtle.digest('SHA-1', new TextEncoder().encode(input))
  return new Uint8Array(digest, 0, 16).slice()
}
