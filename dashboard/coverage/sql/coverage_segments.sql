-- Accounts paying at the as-of month, placed in a coverage segment by the scenario's rule.
-- Grain: one row per account (level 'account'), one per segment (level 'segment') and one total
-- (level 'total'), from one grouping so segment and total MRR are exact sums of the same rows.
-- Columns: level, segment, account_id, account_name, account_segment, employees, csm, accounts, mrr.
-- Parameters: $grid (revenue engine's account-month MRR), $month (as-of), $rule ('arr', 'employees'
-- or 'segment'), $band_names / $band_lowers (bands of the rule, any order).
with

-- the revenue engine's MRR at the as-of month: the same rows its ending MRR sums
paying as (
    select account_id, cast(mrr as decimal(38, 6)) as mrr
    from query_table($grid)
    where month = $month and mrr > 0
),

-- names, segment, CSM and size from the accounts table (revenue without an account row still counts)
described as (
    select
        p.account_id,
        p.mrr,
        a.account_name,
        nullif(trim(a.segment), '') as account_segment,
        nullif(trim(a.csm), '') as csm,
        a.employees
    from paying as p
    left join accounts as a on a.account_id = p.account_id
),

-- the rule's bands as rows: a band holds values from its lower bound up to the next band's
bands as (
    select
        unnest($band_names::varchar[]) as band,
        unnest($band_lowers::double[]) as lower_bound
),

-- each account's segment: its own column, or the highest band whose lower bound it reaches
assigned as (
    select
        d.*,
        coalesce(
            case
                when $rule = 'segment' then d.account_segment
                else (
                    select arg_max(b.band, b.lower_bound)
                    from bands as b
                    where b.lower_bound <= case when $rule = 'arr' then cast(d.mrr * 12 as double)
                                                else d.employees end
                )
            end,
            '(none)'
        ) as segment
    from described as d
),

-- accounts, segments and the total in one pass
final as (
    select
        case
            when grouping(segment) = 1 then 'total'
            when grouping(account_id) = 1 then 'segment'
            else 'account'
        end as level,
        segment,
        account_id,
        case when grouping(account_id) = 0 then any_value(account_name) end as account_name,
        case when grouping(account_id) = 0 then any_value(account_segment) end as account_segment,
        case when grouping(account_id) = 0 then any_value(employees) end as employees,
        case when grouping(account_id) = 0 then any_value(csm) end as csm,
        count(*) as accounts,
        cast(sum(mrr) as decimal(38, 6)) as mrr
    from assigned
    group by grouping sets ((segment, account_id), (segment), ())
)

select * from final
