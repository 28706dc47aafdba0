-- Inbox search picks its plan by how common the words are (lib/inbox/inbox.ts). A rare word: the GIN index
-- finds its few messages, then their conversations (private.search_conversations). A common one matches a good
-- share of all messages; collecting them all took 0.6-1.2 s at 1,000,000 messages, while walking the newest
-- conversations and stopping at the first page's worth of matches takes milliseconds. This answers which case
-- it is, reading at most `threshold` matches; as the caller's member organisation only, like the search itself.
-- EXECUTE plans with the words themselves: a scan that stops early for a common word, the index for a rare one
-- (a cached generic plan took the index for both, 60-80 ms for a common word).
create or replace function private.search_matches_many(org uuid, query text, threshold int default 2000)
returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare
  found int;
begin
  if org not in (select private.member_org_ids('viewer')) then
    return false;
  end if;
  execute 'select count(*) from (select 1 from public.messages m where m.org_id = $1 and m.search @@ '
          '(websearch_to_tsquery(''russian'', $2) || websearch_to_tsquery(''english'', $2)) limit $3) matches'
     into found using org, query, threshold;
  return found >= threshold;
end $$;
grant execute on function private.search_matches_many(uuid, text, int) to authenticated;

-- The rare-word path: the same search as before, planned with the words (the index) and declared to return few
-- rows, so the inbox query looks its conversations up instead of scanning the organisation's.
create or replace function private.search_conversations(org uuid, query text) returns setof uuid
language plpgsql stable security definer set search_path = '' rows 100 as $$
begin
  if org not in (select private.member_org_ids('viewer')) then
    return;
  end if;
  return query execute 'select distinct m.conversation_id from public.messages m where m.org_id = $1 and m.search @@ '
                       '(websearch_to_tsquery(''russian'', $2) || websearch_to_tsquery(''english'', $2))'
               using org, query;
end $$;
