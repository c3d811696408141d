-- Data check: accounts that have revenue but no row in the accounts table.
-- Grain: one row. Columns: problems (accounts with MRR > 0 in some month through the as-of month and
--   no accounts row), example (the smallest such account_id; null when there is none).
with

-- every account that paid in some month (the grid starts at an account's first paying month)
paying as (
    select distinct account_id from query_table($grid) where mrr > 0
),

-- paying accounts the accounts table does not know
missing as (
    select account_id from paying
    where account_id not in (select account_id from accounts where account_id is not null)
),

final as (
    select count(*) as problems, min(account_id) as example from missing
)

select * from final
