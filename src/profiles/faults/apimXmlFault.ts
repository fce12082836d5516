import { canonicalizeXml } from '../../compare/diff/canonicalizeXml';
import { isRecord } from '../../model/jsonPath';
import type { RecordedResponse } from '../../model/result';
import type { FaultParser, ParsedFault } from '../types';
import { isErrorStatus, toParsedFault } from './canonicalFault';

/**
 * API Manager 2.x/3.x (API Cloud) gateway faults in their default XML form (facts §3):
 *   <ams:fault xmlns:ams="http://wso2.org/apimanager/security"> code, message, description
 *   <amt:fault xmlns:amt="http://wso2.org/apimanager/throttling"> … plus optional nextAccessTime
 *   <am:fault xmlns:am="http://wso2.org/apimanager"> … plus type `Status report`
 * The prefix is whatever the gateway chose: the canonical XML tree keys elements by local name and
 * keeps the namespace URI as `@xmlns`, so the root is recognised as `fault` in an API Manager
 * namespace, or — failing a namespace — as `fault` with a `code` child.
 */
const apimNamespace = 'http://wso2.org/apimanager';

export const apimXmlFault: FaultParser = {
  name: 'API Manager XML fault',
  parse(response: RecordedResponse): ParsedFault | undefined {
    const text = response.body.text;
    if (!isErrorStatus(response.status) || text === undefined || !text.trimStart().startsWith('<')) return undefined;
    const root = faultElement(text);
    if (!root) return undefined;
    const namespace = typeof root['@xmlns'] === 'string' ? root['@xmlns'] : '';
    const { code, message, description, ...extras } = textChildren(root);
    if (code === undefined || (!namespace.startsWith(apimNamespace) && message === undefined)) return undefined;
    return toParsedFault({
      envelope: `API Manager XML (fault in ${namespace || 'no namespace'})`,
      status: response.status,
      code,
      message: message ?? '',
      description,
      extras,
    });
  },
};

function faultElement(text: string): Record<string, unknown> | undefined {
  let tree: unknown;
  try {
    tree = canonicalizeXml(text);
  } catch {
    return undefined;
  }
  const root = isRecord(tree) ? tree.fault : undefined;
  return isRecord(root) ? root : undefined;
}

/** Child elements that hold only text, by local name; attributes (`@…`) are left out. */
function textChildren(element: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(element)) {
    if (!key.startsWith('@') && !key.startsWith('#') && typeof value === 'string') out[key] = value;
  }
  return out;
}
