import { Document, isMap, isScalar, isSeq, type Node } from 'yaml';
import type { CaseDraft, RequestDraft, SuiteDraft } from './caseDraft';

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
      const comments = draft.cases[index]!.comments;
      if (comments.length > 0) (node as Node).commentBefore = commentText(comments);
    });
  }
  return doc.toString({ lineWidth: 0 });
}

function caseObject(draft: CaseDraft): Record<string, unknown> {
  return {
    name: draft.name,
    ...(draft.description ? { description: draft.description } : {}),
    ...(draft.skip ? { skip: draft.skip } : {}),
    ...(draft.auth ? { auth: draft.auth } : {}),
    ...(draft.vars && Object.keys(draft.vars).length > 0 ? { vars: draft.vars } : {}),
    request: requestObject(draft.request),
    ...(draft.status && draft.status.length > 0 ? { expect: { status: draft.status.length === 1 ? draft.status[0] : draft.status } } : {}),
    ...(draft.capture && Object.keys(draft.capture).length > 0 ? { capture: draft.capture } : {}),
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
