-- The usage table of a version that has none: no rows, the canonical columns, so queries that read
-- usage (health measures) run on revenue alone.
-- Grain: none (empty). Columns: account_id (text), month (date), metric (text), value (double).
with

final as (
    select cast(null as varchar) as account_id, cast(null as date) as month,
           cast(null as varchar) as metric, cast(null as double) as value
    where false
)

select * from final
