-- Rows of the materialised health measures table (or tables, whose months do not overlap) $measures for
-- the months $first to $last (of the accounts in the list $accounts only, when it is not null: the churn
-- page's churned accounts, not the whole book), each with its account's name, segment and CSM.
-- Grain: one row per account and month with MRR > 0 (see health_measures.sql), sorted by month and account_id.
-- Columns: every column of health_measures.sql (account_id, month, mrr, each measure, its _pct), then
-- account_name (the id when empty or not in accounts), segment ('(none)' when empty), csm ('' when empty).
with

-- the accounts asked for, once each (a semi join reads them as a hash table)
listed as (
    select distinct unnest(cast($accounts as varchar[])) as account_id
),

-- the table is built once per dataset version; slicing it is all a page view needs (percentiles were
-- ranked among every paying account when it was built: keeping only some accounts changes none)
wanted as (
    select * from query_table($measures)
    where month between $first and $last
      and ($accounts is null or account_id in (select account_id from listed))
),

-- the labels joined and the rows sorted here: in pandas the join and the sort were two thirds of a
-- 1M-account slice
final as (
    select w.*,
           coalesce(nullif(trim(a.account_name), ''), w.account_id) as account_name,
           coalesce(nullif(trim(a.segment), ''), '(none)') as segment,
           coalesce(a.csm, '') as csm
    from wanted as w
    left join query_table($account_attributes) as a on a.account_id = w.account_id
)

select * from final order by month, account_id
