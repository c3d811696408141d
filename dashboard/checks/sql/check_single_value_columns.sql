-- Data check: grouping columns of accounts that hold one value only.
-- Grain: one row. Columns: accounts (distinct account_ids), segments / csms (distinct non-empty
--   values of segment / csm), segment / csm (the smallest value), segment_rows / csm_rows (accounts
--   rows where the column is filled).
with

final as (
    select
        count(distinct account_id) as accounts,
        count(distinct nullif(trim(segment), '')) as segments,
        min(nullif(trim(segment), '')) as segment,
        count(nullif(trim(segment), '')) as segment_rows,
        count(distinct nullif(trim(csm), '')) as csms,
        min(nullif(trim(csm), '')) as csm,
        count(nullif(trim(csm), '')) as csm_rows
    from accounts
)

select * from final
