import { documented } from './gatewayDoc';
import type { HeaderDrop, Profile } from './types';

/**
 * Headers that describe one hop or one transmission, not the API's answer: every gateway (and
 * every proxy between) may set them differently. RFC 9110 §7.6.1 (Connection, Keep-Alive,
 * Via), RFC 9112 §6 (Transfer-Encoding, Content-Length framing — the body itself is compared),
 * RFC 9110 §6.6.1 (Date, the moment of sending). API Cloud also chunks its error replies
 * (facts §4, `Transfer-Encoding: chunked`).
 */
export const transportHeaderDrops: readonly HeaderDrop[] = [
  { name: 'date', rule: 'header.transport:{name}', fact: documented('header-transport', 'Date is the moment the response was sent (RFC 9110 §6.6.1); it differs on every call'), perCall: true },
  { name: 'content-length', rule: 'header.transport:{name}', fact: documented('header-transport', 'Content-Length frames one transmission (RFC 9112 §6.2); the body itself is compared') },
  {
    name: 'transfer-encoding',
    rule: 'header.transport:{name}',
    fact: documented('header-transport', 'Transfer-Encoding is per-hop framing (RFC 9112 §6.1); API Cloud chunks its error replies'),
  },
  { name: 'connection', rule: 'header.transport:{name}', fact: documented('header-transport', 'Connection is a hop-by-hop header (RFC 9110 §7.6.1)') },
  { name: 'keep-alive', rule: 'header.transport:{name}', fact: documented('header-transport', 'Keep-Alive is a hop-by-hop header (RFC 9110 §7.6.1)') },
  { name: 'via', rule: 'header.transport:{name}', fact: documented('header-transport', 'Via lists the proxies a response passed (RFC 9110 §7.6.3); each platform has its own') },
];

/** A plain HTTP target: only transport headers are set aside, and no gateway fault envelope is assumed. */
export const genericProfile: Profile = {
  name: 'generic',
  description: 'Any HTTP API: transport headers dropped, bodies compared as they are.',
  headerDrops: transportHeaderDrops,
  headerCanonicalizers: [],
  faultParsers: [],
};
