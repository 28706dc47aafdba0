-- Analytics speed (issue 12). The open pipeline by stage (pipeline-value, asked twice per dashboard view with
-- the previous period) grouped every open deal read from the heap: with the pipeline in the index too it is an
-- index-only scan of the open deals' (stage, pipeline, amount, currency, owner) — owner for the own-deals
-- policy and the member filter.
drop index if exists public.deals_open_stage_idx;
create index deals_open_stage_idx on public.deals (org_id, stage_id) include (pipeline_id, amount, currency, owner_id)
  where closed_at is null;

