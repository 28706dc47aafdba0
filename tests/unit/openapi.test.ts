import { expect, it } from "vitest";
import { GET } from "@/app/api/openapi.json/route";

it("describes the API from the routes' own schemas", async () => {
  const doc = await (await GET(new Request("http://localhost:3000/api/openapi.json"))).json();
  expect(doc.openapi).toBe("3.1.0");
  const signup = doc.paths["/api/auth/signup"].post;
  expect(signup.requestBody.content["application/json"].schema.properties).toHaveProperty("organizationName");
  expect(signup.requestBody.content["application/json"].schema.required).toEqual(
    expect.arrayContaining(["email", "password", "name"]),
  );
  expect(doc.paths["/api/team/members/{userId}"].patch.parameters[0]).toMatchObject({ name: "userId", in: "path" });
});
