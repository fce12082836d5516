import { MalformedXmlError, canonicalizeXml } from '../../../src/compare/diff/canonicalizeXml';
import { diffXml } from '../../../src/compare/diff/diffXml';
import { formatJsonPath } from '../../../src/model/jsonPath';

/** The WSO2 API Manager security fault, as API Cloud sends it. */
const amFault = (code: string, prefix = 'ams'): string => `<?xml version="1.0" encoding="UTF-8"?>
<${prefix}:fault xmlns:${prefix}="http://wso2.org/apimanager/security">
  <${prefix}:code>${code}</${prefix}:code>
  <${prefix}:message>Invalid Credentials</${prefix}:message>
  <${prefix}:description>Make sure you have provided the correct security credentials</${prefix}:description>
</${prefix}:fault>`;

describe('canonicalizeXml', () => {
  it('keys elements by local name, keeps the namespace URI once at the root, and keeps values as strings', () => {
    expect(canonicalizeXml(amFault('0900901'))).toEqual({
      fault: {
        '@xmlns': 'http://wso2.org/apimanager/security',
        code: '0900901',
        message: 'Invalid Credentials',
        description: 'Make sure you have provided the correct security credentials',
      },
    });
  });

  it('turns attributes into @members, repeated elements into arrays, and mixed text into #text', () => {
    const xml = '<r a="1"><item id="x">one</item><item id="y"/><note>hi <b>there</b> <![CDATA[<raw> &]]></note><empty/></r>';
    expect(canonicalizeXml(xml)).toEqual({
      r: {
        '@a': '1',
        item: [{ '@id': 'x', '#text': 'one' }, { '@id': 'y' }],
        note: { b: 'there', '#text': 'hi  <raw> &' },
        empty: '',
      },
    });
  });

  it('decodes entities and character references', () => {
    expect(canonicalizeXml('<a t="&quot;&#233;&quot;">&lt;&#x41;&amp;&#233;</a>')).toEqual({ a: { '@t': '"é"', '#text': '<A&é' } });
  });

  it('names namespaced attributes by URI and resolves a default namespace and undeclared prefixes', () => {
    const xml = '<e xmlns="urn:one" xmlns:x="urn:x" x:type="t" plain="p"><x:child>v</x:child><u:odd>w</u:odd></e>';
    expect(canonicalizeXml(xml)).toEqual({
      e: {
        '@xmlns': 'urn:one',
        '@{urn:x}type': 't',
        '@plain': 'p',
        child: { '@xmlns': 'urn:x', '#text': 'v' },
        odd: { '@xmlns': 'urn:undeclared-prefix:u', '#text': 'w' },
      },
    });
  });

  it('throws MalformedXmlError with the line and column of the problem', () => {
    let error: unknown;
    try {
      canonicalizeXml('<a>\n  <b></a>');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MalformedXmlError);
    expect(error).toMatchObject({ name: 'MalformedXmlError', line: 2 });
    expect((error as Error).message).toMatch(/^malformed XML at line 2, column \d+: Expected closing tag 'b'/);
  });

  it('rejects a document with more than one root element', () => {
    expect(() => canonicalizeXml('<a/><b/>')).toThrow('exactly one root element, found 2');
  });
});

describe('diffXml', () => {
  it('treats the same fault under a different prefix for the same namespace URI as equal', () => {
    expect(diffXml(amFault('900901', 'ams'), amFault('900901', 'wso2'))).toEqual({ diffs: [], omitted: 0 });
  });

  it('ignores attribute order, indentation and the XML declaration', () => {
    const legacy = '<?xml version="1.0"?>\n<r  b="2" a="1">\n    <x>1</x>\n</r>\n';
    expect(diffXml(legacy, '<r a="1" b="2"><x>1</x></r>').diffs).toEqual([]);
  });

  it('reports a real difference at a readable path, with both values', () => {
    expect(diffXml(amFault('900901'), amFault('900902', 'wso2')).diffs).toEqual([
      { path: ['fault', 'code'], kind: 'changed', legacy: '900901', candidate: '900902' },
    ]);
  });

  it('reports a different namespace URI for the same local names at @xmlns', () => {
    const other = amFault('900901').replace('http://wso2.org/apimanager/security', 'urn:choreo:errors');
    expect(diffXml(amFault('900901'), other).diffs.map((diff) => formatJsonPath(diff.path))).toEqual(['$.fault["@xmlns"]']);
  });

  it('reports missing and extra elements and attributes', () => {
    const diffs = diffXml('<r a="1"><x>1</x><y/></r>', '<r><x>1</x><z/></r>').diffs;
    expect(diffs.map((diff) => `${diff.kind} ${formatJsonPath(diff.path)}`)).toEqual(['missing $.r["@a"]', 'missing $.r.y', 'extra $.r.z']);
  });

  it('passes options through, so paths can be skipped like JSON ones', () => {
    expect(diffXml(amFault('1'), amFault('2'), { skip: (path) => path[1] === 'code' }).diffs).toEqual([]);
  });

  it('returns malformed XML as one changed difference at $ with a note, never throwing', () => {
    const result = diffXml(amFault('900901'), '<ams:fault><oops></ams:fault>');
    expect(result.diffs).toHaveLength(1);
    expect(result.diffs[0]).toMatchObject({
      path: [],
      kind: 'changed',
      legacy: { fault: { code: '900901' } },
      candidate: { malformedXml: expect.stringMatching(/^malformed XML at line 1/), text: '<ams:fault><oops></ams:fault>' },
    });
  });

  it('finds no difference between two byte-identical malformed bodies', () => {
    expect(diffXml('not xml', 'not xml').diffs).toEqual([]);
    expect(diffXml('not xml', 'also not xml').diffs).toHaveLength(1);
  });
});
