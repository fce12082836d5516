import type http from 'node:http';
import { isJsonContentType } from './httpBodies';
import type { ApiOperation } from './pizzashackApi';
import type { SandboxOptions } from './types';

/** A response on its way from the backend to the client. */
export interface OutgoingAnswer {
  status: number;
  headers: http.OutgoingHttpHeaders;
  body: Buffer;
}

/** The script drift mode plants in the menu: a harness that renders bodies into HTML must escape it. */
export const driftScript = "<script>document.title='pwned'</script>";

/**
 * What the candidate gateway does to a backend answer on purpose: drift mode's regressions, the
 * schema violation and the changed field. Only JSON answers of the matched operation are touched;
 * everything else passes as the backend wrote it.
 */
export function transformCandidateAnswer(op: ApiOperation, answer: OutgoingAnswer, options: SandboxOptions['candidate'], drift: boolean): OutgoingAnswer {
  if (!isJsonContentType(String(answer.headers['content-type'] ?? ''))) return answer;
  let body: unknown;
  try {
    body = JSON.parse(answer.body.toString('utf8'));
  } catch {
    return answer;
  }
  let status = answer.status;
  const headers = { ...answer.headers };
  const ok = status >= 200 && status < 300;
  const route = `${op.method} ${op.template}`;

  if (drift && ok) {
    switch (route) {
      case 'GET /menu':
        // (1) reversed order, no x-menu-version, a script in the first description.
        if (Array.isArray(body)) {
          body = [...body].reverse();
          const first = (body as unknown[])[0];
          if (isObject(first)) first.description = driftScript;
        }
        delete headers['x-menu-version'];
        break;
      case 'POST /order':
        // (2) quantity as a string.
        if (isObject(body) && typeof body.quantity === 'number') body.quantity = String(body.quantity);
        break;
      case 'GET /order/{orderId}':
        // (3) customerName renamed, in place.
        if (isObject(body)) body = Object.fromEntries(Object.entries(body).map(([k, v]) => [k === 'customerName' ? 'customer_name' : k, v]));
        break;
      case 'DELETE /order/{orderId}':
        // (4) the order is deleted, but the client hears a backend-style 500.
        status = 500;
        body = { code: 500, message: 'Internal Server Error', description: 'Failed to delete the order' };
        break;
      default:
        break;
    }
  }

  if (options.violateSchema && ok && route === 'GET /menu' && Array.isArray(body)) {
    body = body.map((item: unknown) => {
      if (!isObject(item)) return item;
      const { name: _dropped, ...rest } = item;
      return { ...rest, price: Number(rest.price) };
    });
  }

  const change = options.changeField;
  if (change) {
    const set = (value: unknown) => {
      // Only where the field exists: "one different field value" must not add the field to
      // menu items or error bodies, so exactly the responses that carry it change.
      if (isObject(value) && Object.prototype.hasOwnProperty.call(value, change.field)) value[change.field] = change.value;
    };
    if (Array.isArray(body)) body.forEach(set);
    else set(body);
  }

  return { status, headers, body: Buffer.from(JSON.stringify(body)) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
