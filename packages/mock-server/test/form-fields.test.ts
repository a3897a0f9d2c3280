import { describe, expect, it } from "vitest";
import { formFieldsToObject } from "../src/form-fields.js";

const read = (text: string) => formFieldsToObject(new URLSearchParams(text));

describe("form fields read as PHP reads them", () => {
  it("nests bracketed names, as Leat's PHP SDK sends attributes", () => {
    expect(read("email=ada%40example.com&attributes[firstname]=Ada&attributes[lastname]=Lovelace")).toEqual({
      email: "ada@example.com",
      attributes: { firstname: "Ada", lastname: "Lovelace" },
    });
  });

  it("makes lists from [] and from keys 0..n-1, and objects from other keys", () => {
    expect(read("tags[]=a&tags[]=b&ids[0]=1&ids[1]=2&map[1]=x&deep[a][b][]=c")).toEqual({
      tags: ["a", "b"],
      ids: ["1", "2"],
      map: { "1": "x" },
      deep: { a: { b: ["c"] } },
    });
  });

  it("keeps the last of a repeated plain field, and odd brackets as part of the name", () => {
    expect(read("name=a&name=b&a]b=1&[x]=2&c[d=3&e[f]g=4")).toEqual({ name: "b", "a]b": "1", "[x]": "2", "c[d": "3", "e[f]g": "4" });
  });

  it("does not let a field reach Object.prototype", () => {
    const fields = read("__proto__[polluted]=1&constructor[prototype][x]=1");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(fields).sort()).toEqual(["__proto__", "constructor"]);
  });
});
