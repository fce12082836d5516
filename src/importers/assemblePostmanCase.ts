import type { CaseDraft, StepDraft, SuiteDraft } from './caseDraft';
import type { PostmanCall } from './postmanCase';
import { jsonTyped } from './postmanVariables';
import { uniqueName } from './uniqueName';

export interface ChainContext {
  /** Globals < collection < environment, nested references expanded. */
  variables: ReadonlyMap<string, string>;
  /** Suite var name → the first request whose test script captures it. */
  capturedBy: ReadonlyMap<string, string>;
  /** Suite var name → a request whose script sets it in a way that was not converted. */
  setBy: ReadonlyMap<string, string>;
}

/**
 * One case from one chain of calls (see `planPostmanChains`): a single call stays a plain case;
 * two or more become a scenario whose steps run in Postman's order, each later step reading what
 * an earlier one captured. Variables nobody captures earlier come from the collection (suite
 * vars) or, when nobody gives them, a TODO that skips the case with the reason.
 */
export function assemblePostmanCase(members: PostmanCall[], ctx: ChainContext, suite: SuiteDraft): CaseDraft {
  const todo: string[] = [];
  const vars: Record<string, unknown> = {};
  const captured = new Set<string>();
  const steps: StepDraft[] = [];
  const stepNames = new Set<string>();
  members.forEach((call, index) => {
    const draft = call.draft;
    const prefix = members.length > 1 ? `step "${draft.name}": ` : '';
    if (draft.skip) todo.push(`${prefix}${draft.skip.replace(/^TODO: /, '')}`);
    for (const [name, value] of Object.entries(call.pathVars)) {
      let varName = name;
      // Two steps may both call their path variable `:id`, with different values; and an earlier
      // step's capture of the same name would win over a case var.
      if ((name in vars && vars[name] !== value) || captured.has(name)) {
        varName = uniqueName(new Set(Object.keys(vars).map((key) => key.toLowerCase())), `${name}_${index + 1}`, (base, n) => `${base}_${n}`);
        draft.request.path = draft.request.path.split(`{{${name}}}`).join(`{{${varName}}}`);
      }
      vars[varName] = value;
    }
    for (const [name, original] of call.uses.vars) {
      if (name in call.pathVars || captured.has(name)) continue;
      todo.push(...suiteVar(name, original, call, ctx, suite).map((reason) => `${prefix}${reason}`));
    }
    for (const name of Object.keys(call.captures)) captured.add(name);
    steps.push({
      name: uniqueName(stepNames, draft.name),
      comments: draft.comments,
      auth: draft.auth,
      request: draft.request,
      status: draft.status,
      expectHeaders: draft.expectHeaders,
      expectJson: draft.expectJson,
      capture: draft.capture,
    });
  });

  const budgets = members.map((call) => call.maxResponseMs).filter((ms): ms is number => ms !== undefined);
  const first = members[0]!.draft;
  const built: CaseDraft =
    members.length === 1
      ? { ...first, comments: [...first.comments] }
      : {
          name: scenarioName(members.map((call) => call.draft.name)),
          description: first.description,
          comments: [
            `A Postman chain, as one scenario: ${members.map((call) => `"${call.item}"`).join(', then ')}.`,
            `Later steps use what earlier ones captured (${[...new Set(members.flatMap((call) => [...call.uses.vars.keys()]).filter((name) => captured.has(name)))].map((name) => `{{${name}}}`).join(', ')}); steps run in Postman's order, so each sees what the ones before it changed.`,
          ],
          request: first.request,
          steps,
        };
  delete built.skip;
  delete built.vars;
  delete built.latency;
  // Postman asserts an absolute response time; the harness compares the two gateways, so the
  // budget becomes how much slower the candidate may be than the legacy.
  if (budgets.length > 0) built.latency = { maxAddedMs: Math.min(...budgets) };
  if (Object.keys(vars).length > 0) built.vars = vars;
  if (todo.length > 0) {
    built.skip = `TODO: ${todo.join('; ')}`;
    built.comments.push('TODO: fill in the values below, then remove `skip:`.');
  }
  return built;
}

/** Adds a suite var for one variable read, or says why it cannot be given (a TODO reason). */
function suiteVar(name: string, original: string, call: PostmanCall, ctx: ChainContext, suite: SuiteDraft): string[] {
  const value = ctx.variables.get(original);
  const defined = !call.uses.undefinedVars.has(name) && value !== undefined;
  const producer = ctx.capturedBy.get(name);
  const setter = ctx.setBy.get(name);
  const typed = () => (call.uses.bare.has(name) ? jsonTyped(value!) : value!);
  if (defined && value !== '') {
    suite.vars[name] ??= typed();
    if (value.includes('{{')) suite.varComments[name] ??= 'Postman expands variables inside this value; suites do not: write the value out.';
    else if (producer ?? setter) suite.varComments[name] ??= `A Postman script of "${producer ?? setter}" also sets this at run time; the collection's value is used here.`;
    return [];
  }
  suite.vars[name] ??= 'TODO';
  if (producer) {
    suite.varComments[name] ??= `TODO: the test script of "${producer}" sets this, but that request runs after the ones that use it.`;
    return [`{{${name}}} is captured by "${producer}", which runs after this request in Postman's order: move it earlier or write the value`];
  }
  if (setter) {
    suite.varComments[name] ??= `TODO: a script of "${setter}" sets this in a way that was not converted; write its value or a capture.`;
    return [`{{${name}}} is set by a script of "${setter}" that was not converted: write its value`];
  }
  suite.varComments[name] ??= 'TODO: not defined (or empty) in the collection, the environment or the globals given; write its value.';
  return [`{{${name}}} is not defined in the collection, environment or globals`];
}

/** `Create pet → Get pet → Delete pet`, at most three names shown. */
function scenarioName(names: string[]): string {
  const shown = names.slice(0, 3).join(' → ');
  return names.length > 3 ? `${shown} (+${names.length - 3} more)` : shown;
}
