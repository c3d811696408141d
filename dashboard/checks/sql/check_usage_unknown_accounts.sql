-- Data check: usage rows of accounts that neither the accounts table nor the revenue knows.
-- Grain: one row. Columns: problems (usage rows), accounts (distinct such account_ids), example
--   (the smallest such account_id; null when there is none).
with

-- every account id the other tables know
known as (
    select account_id from accounts where account_id is not null
    union
    select account_id from query_table($grid)
),

-- usage rows whose account is not among them
unknown as (
    select account_id from usage
    where account_id not in (select account_id from known)
),

final as (
    select count(*) as problems, count(distinct account_id) as accounts, min(account_id) as example
    from unknown
)

select * from final
