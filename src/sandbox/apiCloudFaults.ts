/**
 * Faults API Cloud's gateway (API Manager 2.x/3.x) generates itself (facts §3). The body is XML
 * unless the request's Accept names application/json; then the same fault is sent as JSON with a
 * **numeric** code. Three namespaces are in play: `ams` (security), `amt` (throttling) and `am`
 * (the main sequence's "Status report" faults).
 */
export interface ApiCloudFault {
  status: number;
  kind: 'security' | 'throttling' | 'status-report';
  code: number;
  message: string;
  description: string;
  /** `am:type` of Status report faults. */
  type?: string;
  /** `amt:nextAccessTime` of throttle faults. */
  nextAccessTime?: string;
}

const namespaces = {
  security: { prefix: 'ams', uri: 'http://wso2.org/apimanager/security' },
  throttling: { prefix: 'amt', uri: 'http://wso2.org/apimanager/throttling' },
  'status-report': { prefix: 'am', uri: 'http://wso2.org/apimanager' },
} as const;

/** `Access failure for API: <context>, version: <v> status: (<code>) - <message>. <advice>` (facts §3). */
function accessFailure(api: { context: string; version: string }, code: number, message: string, advice?: string): string {
  return `Access failure for API: ${api.context}, version: ${api.version} status: (${code}) - ${message}${advice ? `. ${advice}` : ''}`;
}

type Api = { context: string; version: string };

export const apiCloudFaults = {
  missingCredentials: (api: Api): ApiCloudFault => ({
    status: 401, kind: 'security', code: 900902, message: 'Missing Credentials',
    description: accessFailure(api, 900902, 'Missing Credentials', 'Make sure your API invocation call has a header: "Authorization: Bearer ACCESS_TOKEN"'),
  }),
  // Expired and revoked tokens get the same fault as unknown ones (facts §3).
  invalidCredentials: (api: Api): ApiCloudFault => ({
    status: 401, kind: 'security', code: 900901, message: 'Invalid Credentials',
    description: accessFailure(api, 900901, 'Invalid Credentials', 'Make sure you have given the correct access token'),
  }),
  scopeNotGranted: (api: Api): ApiCloudFault => ({
    status: 403, kind: 'security', code: 900910, message: 'The access token does not allow you to access the requested resource',
    description: accessFailure(api, 900910, 'The access token does not allow you to access the requested resource'),
  }),
  noMatchingResource: (api: Api): ApiCloudFault => ({
    status: 403, kind: 'security', code: 900906, message: 'No matching resource found in the API for the given request',
    description: accessFailure(api, 900906, 'No matching resource found in the API for the given request'),
  }),
  // The main sequence's answer for a context no API owns (facts §3 "unknown API context"; API-M 3.x docs show this exact body).
  unknownContext: (): ApiCloudFault => ({
    status: 404, kind: 'status-report', code: 404, type: 'Status report', message: 'Not Found',
    description: 'The requested resource is not available.',
  }),
  // 900802 is the resource-level throttle; API Manager sends no Retry-After, only nextAccessTime (facts §3).
  throttled: (nextAccessMs: number): ApiCloudFault => ({
    status: 429, kind: 'throttling', code: 900802, message: 'Message throttled out',
    description: 'You have exceeded your quota', nextAccessTime: formatNextAccessTime(nextAccessMs),
  }),
};

/** True when the Accept header names application/json (facts §3: then the fault is JSON). */
function wantsJson(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((range) => range.split(';')[0]!.trim().toLowerCase() === 'application/json');
}

export function renderApiCloudFault(fault: ApiCloudFault, accept: string | undefined): { contentType: string; body: string } {
  if (wantsJson(accept)) {
    const json = {
      code: fault.code,
      type: fault.type,
      message: fault.message,
      description: fault.description,
      nextAccessTime: fault.nextAccessTime,
    };
    return { contentType: 'application/json', body: JSON.stringify({ fault: json }) };
  }
  const { prefix, uri } = namespaces[fault.kind];
  const el = (name: string, text: string | number) => `<${prefix}:${name}>${escapeXml(String(text))}</${prefix}:${name}>`;
  const body =
    `<${prefix}:fault xmlns:${prefix}="${uri}">` +
    el('code', fault.code) +
    (fault.type === undefined ? '' : el('type', fault.type)) +
    el('message', fault.message) +
    el('description', fault.description) +
    (fault.nextAccessTime === undefined ? '' : el('nextAccessTime', fault.nextAccessTime)) +
    `</${prefix}:fault>`;
  return { contentType: 'application/xml', body };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** API Manager's `yyyy-MMM-dd HH:mm:ss+0000 UTC` form, e.g. `2024-Jan-05 10:01:00+0000 UTC`. */
export function formatNextAccessTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${months[d.getUTCMonth()]}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}+0000 UTC`;
}
