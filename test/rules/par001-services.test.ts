// PAR001, topic `deploy6` (#15 item 6, real code: devster19/mkai-goku-service): eight agent apps in one folder
// (app/api/v0/agents), each `app = FastAPI(title="Sales Agent")` with its own routes and its own
// `uvicorn.run(app, port=500X)`, beside a serverless function whose handler serves app.main. Discovered as one app,
// one agent without CORSMiddleware gave 7 PAR001. Lambda runs none of them (no function's handler module imports
// them) and they share no router: separate local servers, not compared (src/graph/registrations/groups.ts,
// src/deploy/lambda-reach.ts). The twin: the function's handler serves one of the agents, which Lambda then runs
// without the CORS the other has: compared, PAR001.
import { ruleTester } from './tester.js';

const agent = (name: string, cors: boolean) => String.raw`from fastapi import FastAPI
${cors ? 'from fastapi.middleware.cors import CORSMiddleware\n' : ''}
app = FastAPI(title="${name} agent")
${cors ? 'app.add_middleware(CORSMiddleware, allow_origins=["*"])\n' : ''}

@app.post("/receive_message")
def receive_message():
    return {"agent": "${name}"}


if __name__ == "__main__":
    import uvicorn

    uvicorn.run(app, port=${name === 'sales' ? 5004 : 5005})
`;

/** The function's handler module: its own app, or (`serves`) one of the agents'. */
const main = (serves?: string) => String.raw`from fastapi import FastAPI
${serves ? `from agents.${serves} import app\n` : '\napp = FastAPI(title="api")\n'}

def handler(event, context):
    return app.title
`;

const repo = (serves?: string) => String.raw`
-- serverless.yml --
service: agents
provider:
  name: aws
  runtime: python3.12
functions:
  api:
    handler: main.handler
-- main.py --
${main(serves)}-- agents/__init__.py --
-- agents/sales.py --
${agent('sales', true)}-- agents/swot.py --
${agent('swot', false)}`;

/** Python: which agents Lambda's import of the handler module loads, and the middleware each agent registers. */
const loaded = (expected: string) => String.raw`import sys
import main
import agents.sales, agents.swot
print(sorted(m for m in sys.modules if m.startswith("agents.")), [m.cls.__name__ for m in agents.sales.app.user_middleware], [m.cls.__name__ for m in agents.swot.app.user_middleware])`.replace('import agents.sales, agents.swot', `on_lambda = sorted(m for m in sys.modules if m.startswith("agents."))\nassert str(on_lambda) == ${JSON.stringify(expected)}, on_lambda\nimport agents.sales, agents.swot`);

ruleTester(
  'PAR001',
  {
    valid: [
      {
        name: 'services-not-on-lambda',
        title: 'two agent servers Lambda never imports (its handler serves main.py): not compared (7 PAR001 on devster19 before)',
        files: repo(),
        python: [{ run: loaded('[]') }, { run: 'import main, agents.sales, agents.swot', fails: null }],
      },
    ],
    invalid: [
      {
        name: 'services-one-on-lambda',
        title: "the handler serves the swot agent's app: Lambda runs it without the CORSMiddleware the sales agent has",
        files: repo('swot'),
        findings: ['agents/sales.py:5:1  PAR001  error  CORSMiddleware is registered in sales.py:5 but not in swot.py: requests through swot.py run without it  [*] (related agents/swot.py:3:1-3:34)'],
        output: `\n-- agents/swot.py --\n${agent('swot', true)}`,
        python: { run: loaded("['agents.swot']") },
      },
    ],
  },
  'deploy6',
);
