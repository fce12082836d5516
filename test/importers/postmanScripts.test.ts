import { readTestScript } from '../../src/importers/postmanScripts';

/** A test script as Postman exports it: one array entry per line. */
const read = (...lines: string[]) => readTestScript(lines.map((text, index) => ({ line: index + 1, text })));

describe('reading Postman test scripts by pattern', () => {
  it('captures from JSON.parse(responseBody) assigned without var/let/const', () => {
    const reading = read('responseData = JSON.parse(responseBody)', 'pm.environment.set("orderId", responseData.order.id)');
    expect(reading.captures).toEqual({ orderId: '$.order.id' });
    expect(reading.unconverted).toEqual([]);
  });

  it('captures the id a variable was assigned from, not the whole body (the end-anchor bug)', () => {
    const reading = read('const id = pm.response.json().id; pm.environment.set("ID", id)');
    expect(reading.captures).toEqual({ ID: '$.id' });
  });

  it('reads responseJson, pm.response.json() chains, bracket keys and every set call', () => {
    const reading = read(
      'var responseJson = pm.response.json();',
      "pm.collectionVariables.set('petID', responseJson.id);",
      'pm.globals.set("first", pm.response.json().items[0]["item-id"]);',
      'postman.setEnvironmentVariable("TOKEN_ID", responseJson.data.tokenId);',
      'let v = JSON.parse(responseBody); pm.variables.set("ver", v.version.toString());',
    );
    expect(reading.captures).toEqual({ petID: '$.id', first: '$.items[0]["item-id"]', TOKEN_ID: '$.data.tokenId', ver: '$.version' });
    expect(reading.captureNames).toMatchObject({ petID: 'petID', first: 'first' });
    expect(reading.unconverted).toEqual([]);
  });

  it('captures a header, and the last path segment of a Location header', () => {
    const reading = read('pm.environment.set("loc", pm.response.headers.get("Location"));', "pm.environment.set('id', pm.response.headers.get('Location').split('/').pop());");
    expect(reading.captures).toEqual({ loc: { header: 'location' }, id: { header: 'location', regex: '([^/]+)/?$' } });
  });

  it('treats an if that only checks the value exists as a guard, and keeps what it guards', () => {
    const reading = read('var data = JSON.parse(responseBody);', 'if (data.results && data.results[0] && data.results[0].id) {', '  pm.environment.set("first-id", data.results[0].id);', '}');
    expect(reading.captures).toEqual({ 'first-id': '$.results[0].id' });
    expect(reading.unconverted).toEqual([]);
  });

  it('leaves a variable set two different ways to the user, with both lines', () => {
    const reading = read('var data = JSON.parse(responseBody);', 'if (data.id) { pm.environment.set("x", data.id); }', 'if (data.results) { pm.environment.set("x", data.results[0].id); }');
    expect(reading.captures).toEqual({});
    expect(reading.unconvertedSets).toEqual({ x: 'x' });
    expect(reading.unconverted.map((line) => line.line)).toEqual([2, 3]);
  });

  it('turns status assertions into expected statuses', () => {
    expect(read('pm.test("ok", function () {', '  pm.response.to.have.status(201);', '});').status).toEqual([201]);
    expect(read('tests["Status code " + responseCode.code] = responseCode.code === 200 || responseCode.code === 201;').status).toEqual([200, 201]);
    expect(read('pm.expect(pm.response.code).to.be.oneOf([200, 204]);').status).toEqual([200, 204]);
    expect(read("pm.test('401', () => pm.expect(pm.response.code).to.eql(401));").status).toEqual([401]);
    expect(read('pm.response.to.be.ok').status).toEqual([200]);
    expect(read('pm.response.to.be.notFound;').status).toEqual([404]);
  });

  it('turns JSON value equality into expected values, literals typed and variables as templates', () => {
    const reading = read(
      'var jsonData = pm.response.json();',
      'pm.expect(jsonData.name).to.eql("Alex");',
      'pm.expect(jsonData.count).to.equal(3);',
      'pm.expect(jsonData.error).to.equal(null);',
      'pm.expect(jsonData.active).to.be.true;',
      "pm.expect(jsonData.owner).to.eql(pm.environment.get('owner'));",
      'tests["tag"] = jsonData.tags[0] === "red";',
    );
    expect(reading.json).toEqual({ '$.name': 'Alex', '$.count': 3, '$.error': null, '$.active': true, '$.owner': '{{owner}}', '$.tags[0]': 'red' });
    expect(reading.unconverted).toEqual([]);
  });

  it('turns header presence and value into header expectations', () => {
    const reading = read('pm.response.to.have.header("Location");', "pm.response.to.have.header('Content-Type', 'application/json');", 'pm.expect(pm.response.headers.has("X-Trace")).to.be.true;');
    expect(reading.headers).toEqual({ location: 'present', 'content-type': 'application/json', 'x-trace': 'present' });
  });

  it('keeps the smallest response-time budget', () => {
    expect(read('pm.expect(pm.response.responseTime).to.be.below(800);', 'pm.expect(pm.response.responseTime).to.be.lessThan(500);').maxResponseMs).toBe(500);
  });

  it('joins a chained assertion written over two lines and lists what it cannot express with its line', () => {
    const reading = read('pm.test("args", function () {', "  pm.expect(pm.response.json().args).to.have.property('source')", "    .and.equal('x')", '});', 'postman.setNextRequest(null);');
    expect(reading.unconverted).toEqual([
      { line: 2, text: "  pm.expect(pm.response.json().args).to.have.property('source')" },
      { line: 5, text: 'postman.setNextRequest(null);' },
    ]);
  });

  it('lists a set whose value is computed, and says which variable it was', () => {
    const reading = read('var parts = pm.response.json().scope.split(" ");', 'pm.environment.set("project-key", parts[1]);');
    expect(reading.captures).toEqual({});
    expect(reading.unconvertedSets).toEqual({ 'project-key': 'project-key' });
    expect(reading.unconverted.map((line) => line.line)).toEqual([1, 2]);
  });
});
