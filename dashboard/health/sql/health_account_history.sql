-- The health measures of one account in every month it paid from $first to $last, for its score history.
-- Grain: one row per month with MRR > 0 for account $account_id, oldest first.
-- Columns: every column of the materialised measures table $measures (account_id, month, mrr, measures, pcts).
with

-- one account's rows of the table built once per dataset version
final as (
    select * from query_table($measures)
    where account_id = $account_id and month between $first and $last
)

select * from final order by month
