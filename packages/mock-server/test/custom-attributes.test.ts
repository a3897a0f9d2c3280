// The custom attributes module (custom attributes, their groups, and the older contact
// attributes pair over the same list) and a contact's values for the account's own attributes.
import { describe, expect, it } from "vitest";
import type { Change } from "../src/answer.js";
import { seedContacts } from "../src/modules/contact-tiers.js";
import { code, ctx, data, body as json, loadModules } from "./module-harness.js";

const example = (id: string) => ctx.successExamples(id)[0]!.data as { name: string; entity?: string }[];
const names = (list: { name: string }[]) => list.map((a) => a.name);
const favoriteColor = { entity: "contact", name: "favorite_color", label: "Favorite color", type: "select", options: [{ label: "Blue", value: 100 }] };

describe("custom attributes", () => {
  it("lists an entity's attributes from the examples, the contact attributes under both calls, and refuses an unknown entity", () => {
    const call = loadModules();
    expect(data(call("listCustomAttributes", { query: { entity: "voucher" } }))).toEqual(example("listCustomAttributes"));
    const contactOnes = example("listContactAttributes");
    expect(data(call("listContactAttributes"))).toEqual(contactOnes);
    expect(data(call("listCustomAttributes", { query: { entity: "contact" } }))).toEqual(contactOnes.map((a) => ({ entity: "contact", ...a })));
    expect(json(call("listCustomAttributes", { query: { entity: "spaceship" } }))).toMatchObject({ code: 1003, errors: { entity: [expect.stringContaining("spaceship")] } });
  });

  it("creates a contact attribute that both lists show and every contact carries, null until set", () => {
    const call = loadModules();
    const created = call("createCustomAttribute", { body: favoriteColor }) as Change;
    expect(created.status).toBe(201);
    expect(data(created)).toMatchObject({ entity: "contact", name: "favorite_color", type: "select", is_piggy_defined: false, options: [{ value: "100", label: "Blue" }] });
    expect(names(data(call("listContactAttributes")))).toContain("favorite_color");
    expect(names(data(call("listCustomAttributes", { query: { entity: "contact" } })))).toContain("favorite_color");
    expect(names(data(call("listCustomAttributes", { query: { entity: "voucher" } })))).not.toContain("favorite_color");
    expect(data(call("getContact", { params: { contact_uuid: seedContacts.withoutTier } })).current_values.favorite_color).toBeNull();
    const updated = data(call("updateContact", { params: { contact_uuid: seedContacts.withoutTier }, body: { attributes: { favorite_color: "100" } } }));
    expect(updated.current_values.favorite_color).toBe("100");
    expect(data(call("findOrCreateContact", { query: { email: "gary@bikinibottom.sea" } })).current_values).toHaveProperty("favorite_color", null);
    // Leat's own contact attributes are not added as null: the contact's own values or nothing.
    expect(data(call("getContact", { params: { contact_uuid: seedContacts.withoutTier } })).current_values).not.toHaveProperty("avatar");
    created.undo();
    expect(names(data(call("listContactAttributes")))).not.toContain("favorite_color");
  });

  it("creates through the contact attributes call (data_type), answers a taken name with the attribute unchanged, refuses an unknown type or group", () => {
    const call = loadModules();
    const created = data(call("createContactAttribute", { body: { name: "shoe_size", label: "Shoe size", data_type: "number" } }));
    expect(created).toMatchObject({ name: "shoe_size", type: "number" });
    expect(created).not.toHaveProperty("entity");
    expect(data(call("listCustomAttributes", { query: { entity: "contact" } })).find((a: { name: string }) => a.name === "shoe_size")).toMatchObject({ entity: "contact", type: "number" });
    const again = call("createCustomAttribute", { body: { entity: "contact", name: "shoe_size", label: "Other", type: "text" } });
    expect(("undo" in again)).toBe(false);
    expect(data(again)).toMatchObject({ label: "Shoe size", type: "number" });
    expect(json(call("createCustomAttribute", { body: { ...favoriteColor, type: "colour" } }))).toMatchObject({ code: 1003, errors: { type: [expect.any(String)] } });
    expect(json(call("createContactAttribute", { body: { name: "x", label: "X", data_type: "colour" } }))).toMatchObject({ code: 1003, errors: { data_type: [expect.any(String)] } });
    expect(json(call("createCustomAttribute", { body: { ...favoriteColor, group_name: "nowhere" } }))).toMatchObject({ code: 1003, errors: { group_name: [expect.any(String)] } });
  });

  it("updates the account's own attribute, and refuses an unknown name or one of Leat's own", () => {
    const call = loadModules();
    const [promotionOne] = ctx.successExamples("updateCustomAttribute").map((e) => e.data as { name: string });
    const updated = call("updateCustomAttribute", { params: { custom_attribute_name: promotionOne!.name }, body: { entity: "promotion", label: "Kind of discount", options: [{ label: "Free", value: "free" }] } }) as Change;
    expect(data(updated)).toMatchObject({ name: promotionOne!.name, label: "Kind of discount", options: [{ value: "free", label: "Free", description: null, media: null }] });
    expect(data(call("listCustomAttributes", { query: { entity: "promotion" } }))[0]).toMatchObject({ label: "Kind of discount" });
    updated.undo();
    // The example's fields, plus the id, position, can_be_deleted and meta it lacks (Leat's PHP SDK reads them).
    expect(data(call("listCustomAttributes", { query: { entity: "promotion" } }))).toEqual([{ ...promotionOne, id: expect.any(Number), position: 1, can_be_deleted: true, meta: [] }]);
    const unknown = call("updateCustomAttribute", { params: { custom_attribute_name: "nothing_here" }, body: { entity: "promotion", label: "X" } });
    expect(json(unknown)).toMatchObject({ code: 1003, errors: { custom_attribute_name: [expect.stringContaining("nothing_here")] } });
    // The voucher attribute exists, but not for promotions: names are per entity.
    const [voucherOne] = example("listCustomAttributes");
    expect(code(call("updateCustomAttribute", { params: { custom_attribute_name: voucherOne!.name }, body: { entity: "promotion", label: "X" } }))).toBe(1003);
    const own = call("updateCustomAttribute", { params: { custom_attribute_name: "firstname" }, body: { entity: "contact", label: "Given name" } });
    expect(json(own)).toMatchObject({ code: 1003, errors: { custom_attribute_name: [expect.stringContaining("Leat's own")] } });
  });
});

describe("custom attribute groups", () => {
  it("lists an entity's groups, creates one that attributes can then name, and answers a taken name with the group unchanged", () => {
    const call = loadModules();
    expect(data(call("listCustomAttributeGroups", { query: { entity: "promotion" } }))).toEqual(example("listCustomAttributeGroups"));
    expect(data(call("listCustomAttributeGroups", { query: { entity: "contact" } }))).toEqual([]);
    expect(code(call("listCustomAttributeGroups", { query: { entity: "spaceship" } }))).toBe(1003);
    const group = data(call("createCustomAttributeGroup", { body: { entity: "contact", name: "acme", label: "Acme" } }));
    expect(group).toMatchObject({ entity: "contact", name: "acme", label: "Acme" });
    expect(data(call("listCustomAttributeGroups", { query: { entity: "contact" } }))).toEqual([group]);
    expect(data(call("createCustomAttributeGroup", { body: { entity: "contact", name: "acme", label: "Other" } }))).toEqual(group);
    // The examples embed only the name; Leat's PHP SDK also reads position and label, from
    // every create and update answer, the seeded attributes' too.
    const grouped = data(call("listCustomAttributes", { query: { entity: "promotion" } })).filter((a: { group?: unknown }) => a.group);
    expect(grouped.length).toBeGreaterThan(0);
    for (const attribute of grouped) {
      const answered = data(call("updateCustomAttribute", { params: { custom_attribute_name: attribute.name }, body: { entity: "promotion" } }));
      expect(answered.group).toMatchObject({ name: attribute.group.name, label: expect.any(String), position: expect.any(Number) });
      expect(answered).toMatchObject({ id: expect.any(Number), position: expect.any(Number), can_be_deleted: expect.any(Boolean), meta: expect.anything() });
    }
    expect(data(call("createCustomAttribute", { body: { ...favoriteColor, group_name: "acme" } })).group).toEqual({ name: "acme", label: "Acme", position: 1, created_by_user: null });
  });
});
