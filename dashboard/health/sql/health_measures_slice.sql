-- Rows of the materialised health measures table (or tables, whose months do not overlap) $measures for the months $first to $last.
-- Grain: one row per account and month with MRR > 0 (see health_measures.sql).
-- Columns: every column of health_measures.sql (account_id, month, mrr, each measure, its _pct).
with

-- the table is built once per dataset version; slicing it is all a page view needs
final as (
    select * from query_table($measures) where month between $first and $last
)

select * from final
