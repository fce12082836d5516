import { Document, isMap, isScalar, isSeq, type Node } from 'yaml';
import type { CallDraft, CaseDraft, RequestDraft, SuiteDraft } from './caseDraft';

/**
 * Suite YAML from a draft, through the `yaml` package (never string concatenation), so every
 * value is quoted as YAML needs it; comments ride on the document's nodes.
 */
export function renderSuite(draft: SuiteDraft): string {
  const doc = new Document({
    suite: draft.suite,
    ...(draft.description ? { description: draft.description } : {}),
    api: draft.api,
    tags: draft.tags,
    ...(Object.keys(draft.vars).length > 0 ? { vars: draft.vars } : {}),
    cases: draft.cases.map(caseObject),
  });
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
    ...(draft.description ? { description: draft.description } : {}),
    ...(draft.skip ? { skip: draft.skip } : {}),
    ...(draft.steps ? {} : draft.auth ? { auth: draft.auth } : {}),
    ...(draft.latency ? { latency: draft.latency } : {}),
    ...(draft.vars && Object.keys(draft.vars).length > 0 ? { vars: draft.vars } : {}),
    ...(draft.steps ? { steps: draft.steps.map((step) => ({ name: step.name, ...(step.auth ? { auth: step.auth } : {}), ...callObject(step) })) } : callObject(draft)),
  };
}

function callObject(call: CallDraft): Record<string, unknown> {
  const expect = {
    ...(call.status && call.status.length > 0 ? { status: call.status.length === 1 ? call.status[0] : call.status } : {}),
    ...(call.expectHeaders && Object.keys(call.expectHeaders).length > 0 ? { headers: call.expectHeaders } : {}),
    ...(call.expectJson && Object.keys(call.expectJson).length > 0 ? { json: call.expectJson } : {}),
  };
  return {
    request: requestObject(call.request),
    ...(Object.keys(expect).length > 0 ? { expect } : {}),
    ...(call.capture && Object.keys(call.capture).length > 0 ? { capture: call.capture } : {}),
  };
}

/** `GET /menu` when nothing but a method and a simple path; the full mapping otherwise. */
function requestObject(request: RequestDraft): string | Record<string, unknown> {
  const nonEmpty = (map: Record<string, string> | undefined) => map !== undefined && Object.keys(map).length > 0;
  const plain = !nonEmpty(request.query) && !nonEmpty(request.headers) && request.json === undefined && request.text === undefined && request.form === undefined;
  if (plain && /^\/\S*$/.test(request.path)) return `${request.method} ${request.path}`;
  return {
    method: request.method,
    path: request.path,
    ...(nonEmpty(request.query) ? { query: request.query } : {}),
    ...(nonEmpty(request.headers) ? { headers: request.headers } : {}),
    ...(request.json !== undefined ? { json: request.json } : {}),
    ...(request.text !== undefined ? { text: request.text, ...(request.contentType ? { contentType: request.contentType } : {}) } : {}),
    ...(request.form !== undefined ? { form: request.form } : {}),
  };
}

/** `yaml` writes each line of a comment after "#"; a leading space keeps "# text" readable. */
function commentText(lines: string[]): string {
  return lines
    .flatMap((line) => line.split('\n'))
    .map((line) => ` ${line.replace(/\r/g, '')}`.replace(/\s+$/, ''))
    .join('\n');
}
