-- Data check input: the size of the amounts, to compare with the display currency.
-- Grain: one row. Columns: accounts (accounts paying in the latest paying month), median_mrr (their
--   median MRR), example_account, example_mrr (the account whose MRR is nearest that median).
with

-- the latest month anyone paid: the amounts a page shows first
latest as (
    select max(month) as month from query_table($grid) where mrr > 0
),

-- the paying accounts of that month
paying as (
    select g.account_id, cast(g.mrr as double) as mrr
    from query_table($grid) as g
    join latest as l on g.month = l.month
    where g.mrr > 0
),

middle as (
    select count(*) as accounts, median(mrr) as median_mrr from paying
),

-- the account nearest the median, as the example
example as (
    select p.account_id, p.mrr
    from paying as p, middle as m
    order by abs(p.mrr - m.median_mrr), p.account_id
    limit 1
),

final as (
    select m.accounts, m.median_mrr, e.account_id as example_account, e.mrr as example_mrr
    from middle as m
    left join example as e on true
)

select * from final
