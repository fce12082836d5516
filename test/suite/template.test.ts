import { TemplateError } from '../../src/errors';
import {
  createBuiltins,
  createTemplateScope,
  expandTemplate,
  expandValue,
  templateVariables,
  type TemplateScope,
} from '../../src/suite/template';
import { thrown } from './helpers';

const scope = (overrides: Partial<TemplateScope> = {}): TemplateScope => ({
  captures: { orderId: 'legacy-42' },
  caseVars: { quantity: 2, pizza: 'from-row' },
  suiteVars: { pizza: 'Margherita', customer: { name: 'Jane', city: 'Colombo' } },
  globalVars: { tenant: 'acme', pizza: 'global' },
  builtins: { uuid: '0f8fad5b-d9cb-469f-a165-70867728950e', timestamp: '1700000000', isoTimestamp: '2023-11-14T22:13:20.000Z' },
  env: { API_KEY: 'k-123' },
  ...overrides,
});

describe('templates', () => {
  it('looks a name up in captures, then case vars, then suite vars, then global vars', () => {
    expect(expandTemplate('/order/{{orderId}}?p={{pizza}}&t={{tenant}}', scope())).toBe('/order/legacy-42?p=from-row&t=acme');
    expect(expandTemplate('{{pizza}}', scope({ caseVars: {} }))).toBe('Margherita');
    expect(expandTemplate('{{pizza}}', scope({ captures: { pizza: 'captured' } }))).toBe('captured');
  });

  it('reads {{env.NAME}} from the environment and fields of mapping vars with dots', () => {
    expect(expandTemplate('{{ env.API_KEY }}/{{customer.city}}', scope())).toBe('k-123/Colombo');
  });

  it('gives both targets the same builtins when they share one per-case builtins object', () => {
    const builtins = createBuiltins(new Date('2024-01-02T03:04:05Z'));
    const base = { suite: { vars: {}, globalVars: {} }, caseVars: {}, builtins, env: {} };
    const legacy = createTemplateScope({ ...base, captures: { id: 'L' } });
    const candidate = createTemplateScope({ ...base, captures: { id: 'C' } });
    const template = '{{$uuid}} {{$timestamp}} {{$isoTimestamp}}';
    expect(expandTemplate(template, legacy)).toBe(expandTemplate(template, candidate));
    expect(expandTemplate(template, legacy)).toBe(`${builtins.uuid} 1704164645 2024-01-02T03:04:05.000Z`);
    expect(builtins.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(createBuiltins().uuid).not.toBe(builtins.uuid);
  });

  it('names the unknown variable, the template and the variables that exist, suggesting the nearest', () => {
    const error = thrown(() => expandTemplate('/order/{{ordrId}}', scope(), 'cases[1].request.path'));
    expect(error).toBeInstanceOf(TemplateError);
    expect(error.message).toBe('cases[1].request.path: unknown variable "ordrId" in "/order/{{ordrId}}". Did you mean "orderId"?');
    expect(error.hint).toBe(
      'Variables here: orderId (captured), quantity (case var), pizza (case var), customer (suite var), tenant (global var). Define it under vars:, capture it in an earlier step, or use {{env.NAME}} for the environment.',
    );
  });

  it('says which environment variable is missing', () => {
    const error = thrown(() => expandTemplate('Bearer {{env.ADMIN_TOKEN}}', scope()));
    expect(error.message).toBe('environment variable ADMIN_TOKEN is not set (used in "Bearer {{env.ADMIN_TOKEN}}")');
  });

  it('rejects an unknown builtin and an unclosed reference with what to write instead', () => {
    expect(thrown(() => expandTemplate('{{$uid}}', scope())).message).toBe('unknown builtin "{{$uid}}" in "{{$uid}}". Did you mean "{{$uuid}}"?');
    expect(thrown(() => expandTemplate('/order/{{orderId', scope())).message).toBe('bad template "/order/{{orderId": "{{" at position 7 is never closed with "}}"');
  });

  it('writes a literal "{{" for "\\{{"', () => {
    expect(expandTemplate('\\{{not a var}}', scope())).toBe('{{not a var}}');
  });

  it('keeps the type of a variable when a JSON string is exactly one reference', () => {
    expect(expandValue({ quantity: '{{quantity}}', label: 'x{{quantity}}', nested: ['{{customer}}'], n: 1 }, scope())).toEqual({
      quantity: 2,
      label: 'x2',
      nested: [{ name: 'Jane', city: 'Colombo' }],
      n: 1,
    });
  });

  it('lists the variables a template uses, without env and builtins', () => {
    expect(templateVariables('/order/{{orderId}}/{{customer.city}}?u={{$uuid}}&k={{env.KEY}}&again={{orderId}}')).toEqual(['orderId', 'customer']);
  });
});
