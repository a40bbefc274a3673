import type { BaseClient } from '../../client/types.js'
import { decodeCorporateLinks } from '../../codec/messages/corporateLinks.js'
import { Command } from '../../protocol/commands.js'

/** A broker link (cmd 44). */
export interface CorporateLink {
  linkType: number
  /** The link's label. */
  title: string
  url: string
  flags: number
}

/**
 * The broker's corporate links (cmd 44): web site, support, deposit pages, …
 *
 * @example
 * ```ts
 * for (const link of await client.corporateLinks()) console.log(link.title, link.url)
 * ```
 * @param client - A logged-in client.
 * @returns The links in server order.
 * @throws {@link SessionError} when not logged in; {@link MT5TimeoutError}; {@link ProtocolError}.
 */
export async function corporateLinks(client: BaseClient): Promise<CorporateLink[]> {
  return decodeCorporateLinks(await client.request(Command.corporateLinks)).map((l) => ({
    linkType: l.linkType,
    title: l.title,
    url: l.url,
    flags: l.flags,
  }))
}
