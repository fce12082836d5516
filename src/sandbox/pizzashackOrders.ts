import { randomUUID } from 'node:crypto';
import { isJsonContentType } from './httpBodies';

/** PizzaShack's Order (facts §6). */
export interface Order {
  orderId: string;
  customerName: string;
  delivered: boolean;
  address: string;
  pizzaType: string;
  creditCardNumber: string;
  quantity: number;
}

/** PizzaShack's Error body (facts §6): `code` is a number. */
export interface BackendError {
  code: number;
  message: string;
  description: string;
}

export type OrderInput = Omit<Order, 'orderId'>;

export type ParsedOrder = { ok: true; input: OrderInput } | { ok: false; status: 400 | 415; error: BackendError };

export function backendError(code: number, message: string, description: string): BackendError {
  return { code, message, description };
}

/** Validates a POST/PUT body: JSON media type (else 415), a JSON object with pizzaType and a positive quantity (else 400). */
export function parseOrder(contentType: string | undefined, body: Buffer): ParsedOrder {
  if (!isJsonContentType(contentType)) {
    return { ok: false, status: 415, error: backendError(415, 'Unsupported Media Type', `Orders must be sent as application/json, not ${contentType ?? 'an untyped body'}`) };
  }
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return { ok: false, status: 400, error: backendError(400, 'Bad Request', 'The order is not valid JSON') };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, status: 400, error: backendError(400, 'Bad Request', 'The order must be a JSON object') };
  }
  const o = value as Record<string, unknown>;
  if (typeof o.pizzaType !== 'string' || o.pizzaType === '') {
    return { ok: false, status: 400, error: backendError(400, 'Bad Request', 'The order needs a pizzaType') };
  }
  if (typeof o.quantity !== 'number' || !Number.isFinite(o.quantity) || o.quantity <= 0) {
    return { ok: false, status: 400, error: backendError(400, 'Bad Request', 'The order needs a quantity that is a positive number') };
  }
  const text = (key: string) => (typeof o[key] === 'string' ? (o[key] as string) : '');
  return {
    ok: true,
    input: {
      customerName: text('customerName'),
      delivered: typeof o.delivered === 'boolean' ? o.delivered : false,
      address: text('address'),
      pizzaType: o.pizzaType,
      creditCardNumber: text('creditCardNumber'),
      quantity: o.quantity,
    },
  };
}

/** The backend's in-memory orders; both gateways share it (each creates its own ids). */
export class OrderStore {
  private readonly orders = new Map<string, Order>();

  create(input: OrderInput): Order {
    const order: Order = { orderId: randomUUID(), ...input };
    this.orders.set(order.orderId, order);
    return order;
  }

  get(orderId: string): Order | undefined {
    return this.orders.get(orderId);
  }

  replace(orderId: string, input: OrderInput): Order | undefined {
    if (!this.orders.has(orderId)) return undefined;
    const order: Order = { orderId, ...input };
    this.orders.set(orderId, order);
    return order;
  }

  delete(orderId: string): Order | undefined {
    const order = this.orders.get(orderId);
    this.orders.delete(orderId);
    return order;
  }
}
