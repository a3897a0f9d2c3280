import { describe, expect, it } from "vitest";
import { curlSample, literal, typescriptSample, WIDTH } from "../plugins/decorators/sample-generator.js";

const request = (over: object = {}) => ({ pathValues: [], query: [], body: undefined, ...over });

describe("generated samples", () => {
  it("call the client method with path values first, then the body", () => {
    const source = typescriptSample({
      clientMethod: "contactIdentifiers.link",
      request: request({ pathValues: [{ name: "contact_uuid", value: "4ef9bd6b-8a7e-4e25-9a5c-7f8d5ef2a8b1" }], body: { name: "Card", value: "123" } }),
    });
    expect(source).toContain(
      'const result = await leat.contactIdentifiers.link(\n  "4ef9bd6b-8a7e-4e25-9a5c-7f8d5ef2a8b1",\n  { name: "Card", value: "123" },\n);',
    );
    expect(source).toContain("process.env.LEAT_API_KEY");
    expect(source).toContain("process.env.LEAT_BASE_URL");
  });

  it("pass query parameters as one object when there is no body", () => {
    const source = typescriptSample({ clientMethod: "vouchers.list", request: request({ query: [["page", 2]] }) });
    expect(source).toContain("const result = await leat.vouchers.list({ page: 2 });");
  });

  it("wrap a long literal to the panel's width", () => {
    const text = literal({ name: "a rather long unit name", label: "A label that is long", extra: { nested: [1, 2, 3] } });
    expect(text.split("\n").every((line: string) => line.length <= WIDTH)).toBe(true);
    expect(text).toContain('  name: "a rather long unit name",');
  });

  it("give cURL the method, the URL with path and query, and the JSON body quoted for the shell", () => {
    const post = curlSample({
      method: "post",
      path: "/contacts/{contact_uuid}/notes",
      server: "https://api.piggy.eu/api/v3/oauth/clients",
      request: request({ pathValues: [{ name: "contact_uuid", value: "abc" }], query: [["x", "1 2"]], body: { note: "it's" } }),
    });
    expect(post).toContain("CONTACT_UUID=abc");
    expect(post).toContain('"$URL/contacts/$CONTACT_UUID/notes?x=1%202"');
    expect(post).toContain("--request POST");
    expect(post).toContain(`--data '{"note": "it'\\''s"}'`);
    const get = curlSample({ method: "get", path: "/vouchers", server: "https://x", request: request({ query: [["page", 2]] }) });
    expect(get).toContain("--get");
    expect(get).toContain("--data-urlencode page=2");
    expect(get).not.toContain("--request");
  });

  it("keep long keys, UUIDs, parameter names and query values within the width", () => {
    const uuid = "4ef9bd6b-8a7e-4e25-9a5c-7f8d5ef2a8b1";
    const body = { destination_contact_uuid: uuid, source_contact_uuid: uuid };
    const ts = typescriptSample({ clientMethod: "contacts.merge", request: request({ body }) });
    const curl = curlSample({
      method: "get",
      path: "/collectable-rewards/{collectable_reward_redemption_uuid}/reverse",
      server: "https://api.piggy.eu/api/v3/oauth/clients",
      request: request({ pathValues: [{ name: "collectable_reward_redemption_uuid", value: uuid }], query: [["contact_identifier_value", uuid]] }),
    });
    const post = curlSample({ method: "post", path: "/contacts/merge", server: "https://x", request: request({ body }) });
    // only a word that cannot be broken (a query value with its name) may stand longer
    const unbreakable = /^\s*\S+( \\)?$/;
    for (const text of [ts, curl, post]) {
      expect(text.split("\n").filter((line: string) => line.length > WIDTH && !unbreakable.test(line))).toEqual([]);
    }
    expect(ts).toContain(`  destination_contact_uuid:\n    "${uuid}",`);
    const longName = typescriptSample({ clientMethod: "portalSessions.createCreditReception", request: request({ body: { shop_uuid: uuid } }) });
    expect(longName).toContain("const result =\n  await leat.portalSessions.createCreditReception({\n");
    expect(longName.split("\n").filter((line: string) => line.length > WIDTH)).toEqual([]);
    expect(curl).toContain(`REDEMPTION_UUID=${uuid}`);
    expect(curl).toContain(`--data-urlencode \\\n  contact_identifier_value=${uuid}\n`);
    // the cURL body stays JSON when a pair is broken after its colon
    const data = /--data '([^']*)'/s.exec(post)![1]!;
    expect(JSON.parse(data)).toEqual(body);
  });
});
