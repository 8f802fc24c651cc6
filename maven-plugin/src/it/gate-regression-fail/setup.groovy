// 20 generated cases; the candidate is worse: fenced JSON, no refusals
cases = 20
worse = true
evaluate(new File(itCommon, 'gate-endpoint.groovy'))
