-module(t_trace_ms_maps).
-export([main/0]).
%% Maps in match-spec guards and bodies: a map whose parts are
%% expressions ({const, X}, arithmetic, duplicate keys once evaluated) is
%% built when the spec runs, not taken as the constant it is written as.
main() ->
    erlang:display(erlang:match_spec_test(#{a=>1}, [{'$1',[{'==','$1',#{a=>1}}],['$1']}], table)),
    erlang:display(erlang:match_spec_test(#{a=>'$1'}, [{'$1',[{'==','$1',#{a=>{const,'$1'}}}],['$1']}], table)),
    erlang:display(erlang:match_spec_test(#{a=>1}, [{'$1',[{'==','$1',#{{const,a}=>1}}],['$1']}], table)),
    erlang:display(erlang:match_spec_test({11,#{20=>1,b=>2}},[{{'$1','$2'},[{'==','$2',#{{'+','$1',9}=>{'-','$1',10},b=>{const,2}}}],['$2']}], table)),
    erlang:display([erlang:match_spec_test(#{1=>1,2=>N},[{'$1',[{'==','$1',#{1=>1,2=>2,{const,2}=>3,{'+',1,1}=>4,{'+',2,0}=>5}}],['$1']}],table) || N <- [2,3,4,5]]),
    erlang:display(erlang:match_spec_test(#{0=>1},[{'$1',[{'==','$1',maps:from_list([{{'-',I,I},1} || I <- lists:seq(1,100)])}],['$1']}], table)).
