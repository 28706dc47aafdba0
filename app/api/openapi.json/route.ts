import { openApiDocument } from "@/lib/api/openapi";
import { appUrl } from "@/lib/app-url";

export function GET(req: Request) {
  return Response.json(openApiDocument(appUrl(req)));
}
