import { Document, isMap, isScalar, isSeq, type Node } from 'yaml';
import type { CallDraft, CaseDraft, RequestDraft, SuiteDraft } from './caseDraft';

/**
 * Suite YAML from a draft, through the `yaml` package (never string concatenation), so every
 * value is quoted as YAML needs it; comments ride on the document's nodes.
 */
export function renderSuite(draft: SuiteDraft): string {
  // The builders below leave a key out of the YAML by giving it `undefined`: said here, not left to the default.
  const doc = new Document(
    {
      suite: draft.suite,
      description: draft.description || undefined,
      api: draft.api,
      tags: draft.tags,
      vars: nonEmpty(draft.vars) ? draft.vars : undefined,
      cases: draft.cases.map(caseObject),
    },
    { keepUndefined: false },
  );
  doc.commentBefore = commentText(draft.header);
  const vars = doc.get('vars', true);
  if (isMap(vars)) {
    for (const pair of vars.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      const comment = key === undefined ? undefined : draft.varComments[key];
      if (comment && isScalar(pair.key)) pair.key.commentBefore = commentText([comment]);
    }
  }
  const cases = doc.get('cases', true);
  if (isSeq(cases)) {
    cases.items.forEach((node, index) => {
      const testCase = draft.cases[index]!;
      if (testCase.comments.length > 0) (node as Node).commentBefore = commentText(testCase.comments);
      const steps = isMap(node) ? node.get('steps', true) : undefined;
      if (!testCase.steps || !isSeq(steps)) return;
      steps.items.forEach((step, stepIndex) => {
        const comments = testCase.steps![stepIndex]!.comments;
        if (comments.length > 0) (step as Node).commentBefore = commentText(comments);
      });
    });
  }
  return doc.toString({ lineWidth: 0 });
}

function caseObject(draft: CaseDraft): Record<string, unknown> {
  return {
    name: draft.name,
    description: draft.description || undefined,
    skip: draft.skip || undefined,
    // A scenario's auth is written on its steps.
    auth: draft.steps ? undefined : draft.auth,
    latency: draft.latency,
    vars: nonEmpty(draft.vars) ? draft.vars : undefined,
    ...(draft.steps ? { steps: draft.steps.map((step) => ({ name: step.name, auth: step.auth, ...callObject(step) })) } : callObject(draft)),
  };
}

function callObject(call: CallDraft): Record<string, unknown> {
  const status = call.status && call.status.length > 0 ? (call.status.length === 1 ? call.status[0] : call.status) : undefined;
  const headers = nonEmpty(call.expectHeaders) ? call.expectHeaders : undefined;
  const json = nonEmpty(call.expectJson) ? call.expectJson : undefined;
  return {
    request: requestObject(call.request),
    // Not `expect: {}`: an object of undefined values is still written, as an empty mapping.
    expect: status === undefined && headers === undefined && json === undefined ? undefined : { status, headers, json },
    capture: nonEmpty(call.capture) ? call.capture : undefined,
  };
}

/** `GET /menu` when nothing but a method and a simple path; the full mapping otherwise. */
function requestObject(request: RequestDraft): string | Record<string, unknown> {
  const plain = !nonEmpty(request.query) && !nonEmpty(request.headers) && request.json === undefined && request.text === undefined && request.form === undefined;
  if (plain && /^\/\S*$/.test(request.path)) return `${request.method} ${request.path}`;
  return {
    method: request.method,
    path: request.path,
    query: nonEmpty(request.query) ? request.query : undefined,
    headers: nonEmpty(request.headers) ? request.headers : undefined,
    json: request.json,
    text: request.text,
    contentType: request.text !== undefined && request.contentType ? request.contentType : undefined,
    form: request.form,
  };
}

function nonEmpty(map: Record<string, unknown> | undefined): boolean {
  return map !== undefined && Object.keys(map).length > 0;
}

/** `yaml` writes each line of a comment after "#"; a leading space keeps "# text" readable. */
function commentText(lines: string[]): string {
  return lines
    .flatMap((line) => line.split('\n'))
    .map((line) => ` ${line.replace(/\r/g, '')}`.replace(/\s+$/, ''))
    .join('\n');
}
