-- Rows of the materialised health measures table (or tables, whose months do not overlap) $measures for the months $first to $last, for the
-- accounts in the list $accounts only (the churn page's churned accounts, not the whole book).
-- Grain: one row per listed account and month with MRR > 0 (see health_measures.sql).
-- Columns: every column of health_measures.sql (account_id, month, mrr, each measure, its _pct).
with

-- the accounts asked for, once each (a semi join reads them as a hash table)
listed as (
    select distinct unnest(cast($accounts as varchar[])) as account_id
),

-- percentiles were ranked among every paying account when the table was built; the filter only
-- keeps the rows asked for
final as (
    select * from query_table($measures)
    where month between $first and $last
      and account_id in (select account_id from listed)
)

select * from final
