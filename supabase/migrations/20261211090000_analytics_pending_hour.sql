-- The day views' pending part, found by the deltas' index. Their local day is computed per delta, so a report
-- put each delta of the organisation through the zone before its day could be compared: the previous period's
-- totals (which the dashboard always asks) read every pending delta again to keep none (20,000 of them cost
-- ~40 ms in `messages` on the bench). `pending_hour` is the delta's hour (null on a compacted row), which
-- lib/analytics/metrics/messages.ts bounds a day wider than the period on both sides (any zone's local day of
-- an instant is within a day of it), an index range on analytics_message_deltas (org_id, hour); the exact day
-- test still decides. Same rows as before for any period.
create or replace view public.analytics_message_day_counts with (security_invoker = true) as
  select org_id, day, channel_id, direction, sender_type, messages, null::timestamptz as pending_hour
    from public.analytics_message_days
  union all
  select d.org_id, (d.hour at time zone z.tz)::date, d.channel_id, d.direction, d.sender_type, d.n, d.hour
    from public.analytics_message_deltas d join public.analytics_day_zones z on z.org_id = d.org_id;

create or replace view public.analytics_conversation_day_activity with (security_invoker = true) as
  select org_id, conversation_id, day, channel_id, null::timestamptz as pending_hour
    from public.analytics_conversation_days where active_hours > 0
  union all
  select d.org_id, d.conversation_id, (d.hour at time zone z.tz)::date, d.channel_id, d.hour
    from public.analytics_message_deltas d join public.analytics_day_zones z on z.org_id = d.org_id
   where d.n > 0;
