// Attribute definitions and their groups, per entity: the custom attributes calls and the older
// contact attributes pair read and write one list (a contact attribute is a custom attribute of
// entity `contact`). The contacts module shows an account's own contact attributes in each
// contact's `current_values` (null until set). Leat documents no error codes for these calls,
// so a name given twice answers what exists rather than refusing; what the docs enumerate
// (entities, types) and names that must exist (an update's attribute, a group) get 1003.
import type { Answer, Change } from "../answer.js";
import { componentRef, defineModule } from "../module.js";
import { isObject, type Json, type JsonObject } from "../spec.js";
import { secondsTimestamp } from "../timestamp.js";

interface AttributeState {
  /** Definitions of every entity, each with `entity` and `name`, in creation order. */
  attributes: JsonObject[];
  groups: JsonObject[];
  nextId: number;
}

// Both of Leat's entity lists: the newer reference says business_profiles and adds prepaid,
// visit and shift; the older one says business_profile.
const ENTITIES = new Set(["business_profiles", "business_profile", "contact", "reward", "promotion", "voucher", "giftcard", "giftcard_transaction", "prepaid", "booking", "visit", "shift"]);
// The 21 types the create call documents.
const TYPES = new Set([
  "url", "text", "date", "phone", "float", "color", "email", "number", "select", "boolean", "rich_text",
  "date_time", "long_text", "date_range", "time_range", "identifier", "birth_date", "file_upload", "media_upload", "multi_select", "license_plate",
]);

const same = (entity: string, name: string) => (item: JsonObject) => item.entity === entity && item.name === name;
const withoutEntity = ({ entity: _entity, ...rest }: JsonObject): JsonObject => rest;
const options = (input: Json | undefined): Json[] =>
  Array.isArray(input) ? input.filter(isObject).map((o) => ({ value: String(o.value), label: o.label ?? null, description: null, media: null })) : [];

/** The names of an entity's attributes the account defined (not Leat's own): a contact shows each in `current_values`, null until set. */
export function ownAttributeNames(state: AttributeState, entity: string): string[] {
  return state.attributes.filter((a) => a.entity === entity && a.is_piggy_defined !== true).map((a) => String(a.name));
}

export const customAttributes = defineModule<AttributeState>({
  name: "custom attributes",
  operations: ["listCustomAttributes", "createCustomAttribute", "updateCustomAttribute", "listCustomAttributeGroups", "createCustomAttributeGroup", "listContactAttributes", "createContactAttribute"],
  errors: ["InvalidInput"],
  stateSchema: {
    customAttributes: { type: "array", items: { allOf: [componentRef("CustomAttribute"), { type: "object", required: ["entity", "name"], properties: { entity: { type: "string" } } }] } },
    customAttributeGroups: { type: "array", items: { allOf: [componentRef("CustomAttributeGroup"), { type: "object", required: ["entity", "name"], properties: { entity: { type: "string" }, name: { type: "string" } } }] } },
  },

  // The list examples (voucher and contact attributes, promotion groups) and the promotion
  // attribute the update example changes, so the docs' examples work as written.
  defaults(ctx) {
    const data = (id: string) => ctx.successExamples(id)[0]?.data;
    const listed = data("listCustomAttributes");
    const contact = data("listContactAttributes");
    const updated = data("updateCustomAttribute");
    const groups = data("listCustomAttributeGroups");
    if (!Array.isArray(listed) || !Array.isArray(contact) || !isObject(updated) || !Array.isArray(groups)) {
      throw new Error("The spec lacks the custom attribute or contact attribute examples the default attributes are built from");
    }
    const attributes: JsonObject[] = [];
    const contactOnes: Json[] = contact.map((a) => (isObject(a) ? { entity: "contact", ...a } : a));
    for (const item of [...listed, ...contactOnes, updated]) {
      if (isObject(item) && typeof item.entity === "string" && !attributes.some(same(item.entity, String(item.name)))) attributes.push(item);
    }
    // The update example shows part of an attribute, but Leat's PHP SDK reads `id`, `position`
    // (integers), `can_be_deleted` and `meta` from every one: a seeded attribute without them
    // gets them as a created one would.
    let nextId = Math.max(0, ...attributes.map((a) => (typeof a.id === "number" ? a.id : 0))) + 1;
    // Copies: the examples themselves are what `Prefer` answers.
    const seeded = attributes.map((attribute, index): JsonObject => ({
      ...attribute,
      id: typeof attribute.id === "number" ? attribute.id : nextId++,
      position: typeof attribute.position === "number" ? attribute.position : attributes.slice(0, index + 1).filter((a) => a.entity === attribute.entity).length,
      can_be_deleted: attribute.can_be_deleted ?? true,
      meta: attribute.meta ?? [],
    }));
    return { customAttributes: seeded, customAttributeGroups: groups };
  },

  load(_ctx, part) {
    const attributes = part.customAttributes as JsonObject[];
    const groups = part.customAttributeGroups as JsonObject[];
    attributes.forEach((a, index) => {
      if (attributes.findIndex(same(String(a.entity), String(a.name))) !== index) throw new Error(`customAttributes[${index}] repeats ${a.entity} attribute ${a.name}`);
    });
    groups.forEach((g, index) => {
      if (groups.findIndex(same(String(g.entity), String(g.name))) !== index) throw new Error(`customAttributeGroups[${index}] repeats ${g.entity} group ${g.name}`);
    });
    const nextId = Math.max(0, ...attributes.map((a) => (typeof a.id === "number" ? a.id : 0))) + 1;
    return { attributes, groups, nextId };
  },

  dump: (state) => ({ customAttributes: state.attributes, customAttributeGroups: state.groups }),

  handlers(ctx, state) {
    const invalid = (field: string, message: string) => ctx.error("InvalidInput", { [field]: [message] });
    const badEntity = (entity: string) => (ENTITIES.has(entity) ? undefined : invalid("entity", `${entity} is not an entity with attributes (${[...ENTITIES].join(", ")})`));
    // The examples embed only the group's `name`, but Leat's PHP SDK reads `position` and
    // `label` from it as well (GroupMapper), so a real answer carries them. Called for a group
    // `badGroup` found.
    const groupView = (entity: string, name: string): JsonObject => {
      const ofEntity = state.groups.filter((g) => g.entity === entity);
      // Case aside: the examples' attributes name the group `General` that the groups list calls `general`.
      const found = ofEntity.findIndex((g) => String(g.name).toLowerCase() === name.toLowerCase());
      const index = found < 0 ? ofEntity.length : found;
      const label = ofEntity[index]?.label;
      return { name, label: typeof label === "string" ? label : name, position: index + 1, created_by_user: null };
    };
    // An attribute as the create and update calls answer it: its group in full (see groupView).
    const withGroup = (entity: string, attribute: JsonObject): JsonObject =>
      isObject(attribute.group) && typeof attribute.group.name === "string"
        ? { ...attribute, group: { ...groupView(entity, attribute.group.name), ...attribute.group } }
        : attribute;
    const badGroup = (entity: string, group: Json | undefined) =>
      typeof group !== "string" || state.groups.some(same(entity, group)) ? undefined : invalid("group_name", `${entity} has no attribute group named ${group}`);

    function create(operationId: string, entity: string, body: JsonObject, type: string, typeField: string, show: (a: JsonObject) => JsonObject): Answer | Change {
      const refused = badEntity(entity) ?? (TYPES.has(type) ? undefined : invalid(typeField, `${type} is not an attribute type (${[...TYPES].join(", ")})`)) ?? badGroup(entity, body.group_name);
      if (refused) return refused;
      const name = String(body.name);
      // Names are unique per entity and no error is documented: the attribute that has the name is answered, unchanged.
      const existing = state.attributes.find(same(entity, name));
      if (existing) return ctx.success(operationId, show(withGroup(entity, existing)));
      const attribute: JsonObject = {
        id: state.nextId++,
        entity,
        name,
        label: String(body.label),
        type,
        group_name: null,
        ...(typeof body.group_name === "string" ? { group: groupView(entity, body.group_name) } : {}),
        is_piggy_defined: false,
        is_soft_read_only: false,
        is_hard_read_only: false,
        field_type: null,
        has_unique_value: false,
        ...(typeof body.description === "string" ? { description: body.description } : {}),
        options: options(body.options),
        position: state.attributes.filter((a) => a.entity === entity).length + 1,
        created_at: secondsTimestamp(),
        meta: [],
        can_be_deleted: true,
        last_used_date: null,
        created_by_user: null,
      };
      state.attributes.push(attribute);
      return { ...ctx.success(operationId, show(attribute)), undo: () => void state.attributes.splice(state.attributes.indexOf(attribute), 1) };
    }

    return {
      listCustomAttributes: ({ query }) => {
        const entity = String(query.entity);
        return badEntity(entity) ?? ctx.success("listCustomAttributes", state.attributes.filter((a) => a.entity === entity));
      },
      createCustomAttribute: ({ body }) => create("createCustomAttribute", String(body!.entity), body!, String(body!.type), "type", (a) => a),
      updateCustomAttribute: ({ params, body }): Answer | Change => {
        const entity = String(body!.entity);
        const name = params.custom_attribute_name!;
        const refused = badEntity(entity) ?? badGroup(entity, body!.group_name);
        if (refused) return refused;
        const attribute = state.attributes.find(same(entity, name));
        if (!attribute) return invalid("custom_attribute_name", `${entity} has no attribute named ${name}`);
        if (attribute.is_piggy_defined === true) return invalid("custom_attribute_name", `${name} is one of Leat's own ${entity} attributes, which cannot be changed`);
        const before = { ...attribute };
        if (typeof body!.label === "string") attribute.label = body!.label;
        if (typeof body!.description === "string") attribute.description = body!.description;
        if (body!.options !== undefined) attribute.options = options(body!.options);
        if (typeof body!.group_name === "string") attribute.group = groupView(entity, body!.group_name);
        const undo = () => {
          for (const key of Object.keys(attribute)) delete attribute[key];
          Object.assign(attribute, before);
        };
        return { ...ctx.success("updateCustomAttribute", withGroup(entity, attribute)), undo };
      },
      listCustomAttributeGroups: ({ query }) => {
        const entity = String(query.entity);
        return badEntity(entity) ?? ctx.success("listCustomAttributeGroups", state.groups.filter((g) => g.entity === entity));
      },
      createCustomAttributeGroup: ({ body }): Answer | Change => {
        const entity = String(body!.entity);
        const refused = badEntity(entity);
        if (refused) return refused;
        const existing = state.groups.find(same(entity, String(body!.name)));
        if (existing) return ctx.success("createCustomAttributeGroup", existing);
        const group: JsonObject = { entity, name: String(body!.name), label: typeof body!.label === "string" ? body!.label : String(body!.name), created_at: secondsTimestamp() };
        state.groups.push(group);
        return { ...ctx.success("createCustomAttributeGroup", group), undo: () => void state.groups.splice(state.groups.indexOf(group), 1) };
      },
      // The older pair: contact attributes, answered without `entity` as Leat's capture shows them.
      listContactAttributes: () => ctx.success("listContactAttributes", state.attributes.filter((a) => a.entity === "contact").map(withoutEntity)),
      createContactAttribute: ({ body }) => create("createContactAttribute", "contact", body!, String(body!.data_type), "data_type", withoutEntity),
    };
  },
});
