/** cmd 15 → `loginStatus`: `u32 state`, 0 = the gateway is connected to the trade server. */

import type { LoginStatus } from '../../client/types.js'
import { ProtocolError } from '../../errors.js'
import type { PushContext } from './pushStore.js'

/** Decodes a cmd 15 body. */
export function handleLoginStatus(body: Uint8Array, ctx: PushContext): Array<[status: LoginStatus]> {
  if (body.length < 4) {
    throw new ProtocolError(`cmd 15 body of ${body.length} bytes is shorter than 4`, {
      schema: 'cmd 15',
      offset: 0,
    })
  }
  const state = new DataView(body.buffer, body.byteOffset, body.byteLength).getUint32(0, true)
  ctx.store.tradeServerState = state
  return [[{ state, connected: state === 0 }]]
}
