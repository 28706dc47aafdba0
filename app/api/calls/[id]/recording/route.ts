import { publicRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/params";
import { asService } from "@/lib/db";
import { checkRecordingSignature, streamRecording } from "@/lib/telephony/recording";

// The signed, expiring link is the permission (the player and RetailCRM follow it without a session).
export const GET = publicRoute({}, async ({ req, params }) => {
  const id = uuidParam(params);
  const url = new URL(req.url);
  checkRecordingSignature(id, url.searchParams.get("exp"), url.searchParams.get("sig"));
  return asService((sql) => streamRecording(sql, id, req));
});
