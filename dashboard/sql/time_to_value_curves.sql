-- Net revenue retention curves by time-to-value group: how fast accounts reach full deployment
-- (active users / seats >= $threshold) against how their revenue holds up.
-- Grain: one row per group (0-1, 2-3, 4+ months, never) and age in months (since each account's
-- first paid month) that at least one account of the group has reached by the as-of month.
-- Columns: value_group, age, accounts (accounts observed at that age), active_accounts (MRR > 0),
-- start_mrr (their MRR in their first paid month), mrr (their MRR at the age), net_retention.
-- Pooled over accounts observed at each age, so a young cohort never counts as a zero.
with

-- months as numbers so that "k months later" is an addition
account_month as (
    select account_id, month, mrr, extract(year from month) * 12 + extract(month from month) - 1 as month_number
    from query_table($grid)
),

-- the grid runs to the as-of month for every account, so its last month is the as-of month
bounds as (
    select max(month_number) as last_number from account_month
),

-- the grid starts at each account's first paying month: that month is its cohort month
first_months as (
    select account_id, min(month_number) as first_number, min(month) as first_month,
           arg_min(mrr, month_number) as start_mrr
    from account_month
    group by account_id
),

-- the first product is the one with the most MRR in the first paying month (ties: by name)
first_products as (
    select account_id, product
    from (
        select p.account_id, p.product,
               row_number() over (partition by p.account_id order by p.mrr desc, p.product) as rank
        from query_table($product_grid) as p
        join first_months as f on f.account_id = p.account_id and f.first_month = p.month
        where p.mrr > 0
    ) as ranked
    where rank = 1
),

-- the attributes the filters look at; an empty value is "(none)", as on the NRR page
attributes as (
    select f.account_id, f.first_number, f.first_month, f.start_mrr,
           coalesce(nullif(trim(a.segment), ''), '(none)') as segment,
           coalesce(nullif(trim(a.csm), ''), '(none)') as csm,
           coalesce(nullif(trim(a.region), ''), '(none)') as region,
           coalesce(p.product, '(none)') as first_product
    from first_months as f
    left join accounts as a on a.account_id = f.account_id
    left join first_products as p on p.account_id = f.account_id
),

-- the accounts the filters keep, with their cohort label
members as (
    select account_id, first_number, first_month, start_mrr, segment,
           case when $step = 3
                then cast(extract(year from first_month) as varchar) || '-Q' || cast(extract(quarter from first_month) as varchar)
                else strftime(first_month, '%Y-%m') end as cohort
    from attributes
    where (len(cast($segments as varchar[])) = 0 or list_contains(cast($segments as varchar[]), segment))
      and (len(cast($csms as varchar[])) = 0 or list_contains(cast($csms as varchar[]), csm))
      and (len(cast($regions as varchar[])) = 0 or list_contains(cast($regions as varchar[]), region))
      and (len(cast($products as varchar[])) = 0 or list_contains(cast($products as varchar[]), first_product))
),

-- the paid seats and active users of each account and month (several rows of a month are summed)
deployment as (
    select account_id, cast(date_trunc('month', month) as date) as month,
           sum(case when metric = 'active_users' then value end) as active_users,
           sum(case when metric = 'seats' then value end) as seats
    from usage
    where metric in ('active_users', 'seats') and value is not null and month is not null
    group by account_id, cast(date_trunc('month', month) as date)
),

-- the first month (up to the as-of month) in which active users / seats reached the threshold
reached as (
    select d.account_id, min(extract(year from d.month) * 12 + extract(month from d.month) - 1) as value_number
    from deployment as d
    cross join bounds as b
    where d.seats > 0 and d.active_users >= $threshold * d.seats
      and extract(year from d.month) * 12 + extract(month from d.month) - 1 <= b.last_number
    group by d.account_id
),

-- months from the first paid month to full deployment (reaching it before paying counts as 0)
-- and the group that buckets it
timed as (
    select m.account_id, m.first_number, m.first_month, m.start_mrr, m.segment,
           case when r.value_number is not null then greatest(r.value_number - m.first_number, 0) end
               as months_to_value,
           case when r.value_number is null then 'never'
                when r.value_number - m.first_number <= 1 then '0-1'
                when r.value_number - m.first_number <= 3 then '2-3'
                else '4+' end as value_group
    from members as m
    left join reached as r on r.account_id = m.account_id
),

-- every account's MRR at each age it has reached (the grid ends at the as-of month)
ages as (
    select t.value_group, t.account_id, cast(g.month_number - t.first_number as integer) as age,
           g.mrr, t.start_mrr
    from timed as t
    join account_month as g on g.account_id = t.account_id
),

-- pooled sums per group and age
final as (
    select value_group, age, count(*) as accounts, count(case when mrr > 0 then 1 end) as active_accounts,
           sum(start_mrr) as start_mrr, sum(mrr) as mrr,
           cast(sum(mrr) as double) / cast(sum(start_mrr) as double) as net_retention
    from ages
    group by value_group, age
)

select * from final order by value_group, age
