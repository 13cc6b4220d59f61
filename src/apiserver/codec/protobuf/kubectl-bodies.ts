/**
 * Request bodies the real kubectl 1.32 sent for `kubectl create …` (recorded with a logging proxy),
 * each with the object `--dry-run=client -o json` printed for the same command — what the same
 * request in JSON carries. (The aggregated ClusterRole's `rules: null` is left out: a nil list that
 * protobuf cannot tell from an absent one.) Test fixtures.
 */

export interface KubectlBody {
  readonly command: string;
  readonly path: string;
  /** base64 of the application/vnd.kubernetes.protobuf body. */
  readonly body: string;
  readonly json: Record<string, unknown>;
}

export const KUBECTL_1_32_BODIES: readonly KubectlBody[] = [
  {
    command: "kubectl create namespace ns1",
    path: "/api/v1/namespaces",
    body: 'azhzAAoPCgJ2MRIJTmFtZXNwYWNlEhsKEwoDbnMxEgAaACIAKgAyADgAQgASABoCCgAaACIA',
    json: {"kind":"Namespace","apiVersion":"v1","metadata":{"name":"ns1","creationTimestamp":null},"spec":{},"status":{}},
  },
  {
    command: "kubectl create deployment d1 --image=nginx --replicas=0 --port=80",
    path: "/apis/apps/v1/namespaces/default/deployments",
    body: 'azhzAAoVCgdhcHBzL3YxEgpEZXBsb3ltZW50ErQBCh0KAmQxEgAaACIAKgAyADgAQgBaCQoDYXBwEgJkMRKEAQgAEgsKCQoDYXBwEgJkMRprChsKABIAGgAiACoAMgA4AEIAWgkKA2FwcBICZDESTBIuCgVuZ2lueBIFbmdpbngqADIKCgAQABhQIgAqAEIAagByAIABAIgBAJABAKIBABoAMgBCAEoAUgBYAGAAaACCAQCKAQCaAQDCAQAiAgoAKAA4ABoMCAAQABgAIAAoADgAGgAiAA==',
    json: {"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"d1","creationTimestamp":null,"labels":{"app":"d1"}},"spec":{"replicas":0,"selector":{"matchLabels":{"app":"d1"}},"template":{"metadata":{"creationTimestamp":null,"labels":{"app":"d1"}},"spec":{"containers":[{"name":"nginx","image":"nginx","ports":[{"containerPort":80}],"resources":{}}]}},"strategy":{}},"status":{}},
  },
  {
    command: "kubectl create configmap c1 --from-literal=a=b --from-literal=c=d",
    path: "/api/v1/namespaces/default/configmaps",
    body: 'azhzAAoPCgJ2MRIJQ29uZmlnTWFwEiQKEgoCYzESABoAIgAqADIAOABCABIGCgFhEgFiEgYKAWMSAWQaACIA',
    json: {"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"c1","creationTimestamp":null},"data":{"a":"b","c":"d"}},
  },
  {
    command: "kubectl create secret generic s1 --from-literal=a=b",
    path: "/api/v1/namespaces/default/secrets",
    body: 'azhzAAoMCgJ2MRIGU2VjcmV0Eh4KEgoCczESABoAIgAqADIAOABCABIGCgFhEgFiGgAaACIA',
    json: {"kind":"Secret","apiVersion":"v1","metadata":{"name":"s1","creationTimestamp":null},"data":{"a":"Yg=="}},
  },
  {
    command: "kubectl create secret docker-registry r1 --docker-server=reg.example --docker-username=u --docker-password=p",
    path: "/api/v1/namespaces/default/secrets",
    body: 'azhzAAoMCgJ2MRIGU2VjcmV0EpIBChIKAnIxEgAaACIAKgAyADgAQgASXAoRLmRvY2tlcmNvbmZpZ2pzb24SR3siYXV0aHMiOnsicmVnLmV4YW1wbGUiOnsidXNlcm5hbWUiOiJ1IiwicGFzc3dvcmQiOiJwIiwiYXV0aCI6ImRUcHcifX19Gh5rdWJlcm5ldGVzLmlvL2RvY2tlcmNvbmZpZ2pzb24aACIA',
    json: {"kind":"Secret","apiVersion":"v1","metadata":{"name":"r1","creationTimestamp":null},"data":{".dockerconfigjson":"eyJhdXRocyI6eyJyZWcuZXhhbXBsZSI6eyJ1c2VybmFtZSI6InUiLCJwYXNzd29yZCI6InAiLCJhdXRoIjoiZFRwdyJ9fX0="},"type":"kubernetes.io/dockerconfigjson"},
  },
  {
    command: "kubectl create service nodeport sn1 --tcp=80:8080 --node-port=30080",
    path: "/api/v1/namespaces/default/services",
    body: 'azhzAAoNCgJ2MRIHU2VydmljZRJqCh8KA3NuMRIAGgAiACoAMgA4AEIAWgoKA2FwcBIDc24xEkMKHQoHODAtODA4MBIDVENQGFAiBwgAEJA/GgAogOsBEgoKA2FwcBIDc24xGgAiCE5vZGVQb3J0OgBCAFIAWgBgAGgAGgIKABoAIgA=',
    json: {"kind":"Service","apiVersion":"v1","metadata":{"name":"sn1","creationTimestamp":null,"labels":{"app":"sn1"}},"spec":{"ports":[{"name":"80-8080","protocol":"TCP","port":80,"targetPort":8080,"nodePort":30080}],"selector":{"app":"sn1"},"type":"NodePort"},"status":{"loadBalancer":{}}},
  },
  {
    command: "kubectl create service externalname se1 --external-name=example.com",
    path: "/api/v1/namespaces/default/services",
    body: 'azhzAAoNCgJ2MRIHU2VydmljZRJaCh8KA3NlMRIAGgAiACoAMgA4AEIAWgoKA2FwcBIDc2UxEjMSCgoDYXBwEgNzZTEaACIMRXh0ZXJuYWxOYW1lOgBCAFILZXhhbXBsZS5jb21aAGAAaAAaAgoAGgAiAA==',
    json: {"kind":"Service","apiVersion":"v1","metadata":{"name":"se1","creationTimestamp":null,"labels":{"app":"se1"}},"spec":{"selector":{"app":"se1"},"type":"ExternalName","externalName":"example.com"},"status":{"loadBalancer":{}}},
  },
  {
    command: "kubectl create job j1 --image=busybox -- echo hi",
    path: "/apis/batch/v1/namespaces/default/jobs",
    body: 'azhzAAoPCghiYXRjaC92MRIDSm9iEoQBChIKAmoxEgAaACIAKgAyADgAQgASZDJiChAKABIAGgAiACoAMgA4AEIAEk4SKwoCajESB2J1c3lib3gaBGVjaG8aAmhpKgBCAGoAcgCAAQCIAQCQAQCiAQAaBU5ldmVyMgBCAEoAUgBYAGAAaACCAQCKAQCaAQDCAQAaCCAAKAAwADoAGgAiAA==',
    json: {"kind":"Job","apiVersion":"batch/v1","metadata":{"name":"j1","creationTimestamp":null},"spec":{"template":{"metadata":{"creationTimestamp":null},"spec":{"containers":[{"name":"j1","image":"busybox","command":["echo","hi"],"resources":{}}],"restartPolicy":"Never"}}},"status":{}},
  },
  {
    command: "kubectl create cronjob cj1 --image=busybox --schedule=\"*/5 * * * *\" -- echo hi",
    path: "/apis/batch/v1/namespaces/default/cronjobs",
    body: 'azhzAAoTCghiYXRjaC92MRIHQ3JvbkpvYhKsAQoTCgNjajESABoAIgAqADIAOABCABKSAQoLKi81ICogKiAqICoaACqAAQoTCgNjajESABoAIgAqADIAOABCABJpMmcKEAoAEgAaACIAKgAyADgAQgASUxIsCgNjajESB2J1c3lib3gaBGVjaG8aAmhpKgBCAGoAcgCAAQCIAQCQAQCiAQAaCU9uRmFpbHVyZTIAQgBKAFIAWABgAGgAggEAigEAmgEAwgEAGgAaACIA',
    json: {"kind":"CronJob","apiVersion":"batch/v1","metadata":{"name":"cj1","creationTimestamp":null},"spec":{"schedule":"*/5 * * * *","jobTemplate":{"metadata":{"name":"cj1","creationTimestamp":null},"spec":{"template":{"metadata":{"creationTimestamp":null},"spec":{"containers":[{"name":"cj1","image":"busybox","command":["echo","hi"],"resources":{}}],"restartPolicy":"OnFailure"}}}}},"status":{}},
  },
  {
    command: "kubectl create clusterrole cr1 --aggregation-rule=a=b",
    path: "/apis/rbac.authorization.k8s.io/v1/clusterroles",
    body: 'azhzAAorChxyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvL3YxEgtDbHVzdGVyUm9sZRIhChMKA2NyMRIAGgAiACoAMgA4AEIAGgoKCAoGCgFhEgFiGgAiAA==',
    json: {"kind":"ClusterRole","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{"name":"cr1","creationTimestamp":null},"aggregationRule":{"clusterRoleSelectors":[{"matchLabels":{"a":"b"}}]}},
  },
  {
    command: "kubectl create rolebinding rb1 --role=r1 --user=u1 --group=g1 --serviceaccount=default:sa1",
    path: "/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings",
    body: 'azhzAAorChxyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvL3YxEgtSb2xlQmluZGluZxKxAQoTCgNyYjESABoAIgAqADIAOABCABInCgRVc2VyEhlyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvGgJ1MSIAEigKBUdyb3VwEhlyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvGgJnMSIAEiAKDlNlcnZpY2VBY2NvdW50EgAaA3NhMSIHZGVmYXVsdBolChlyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvEgRSb2xlGgJyMRoAIgA=',
    json: {"kind":"RoleBinding","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{"name":"rb1","creationTimestamp":null},"subjects":[{"kind":"User","apiGroup":"rbac.authorization.k8s.io","name":"u1"},{"kind":"Group","apiGroup":"rbac.authorization.k8s.io","name":"g1"},{"kind":"ServiceAccount","name":"sa1","namespace":"default"}],"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"r1"}},
  },
  {
    command: "kubectl create quota q1 --hard=pods=10,cpu=1,memory=1Gi --scopes=BestEffort",
    path: "/api/v1/namespaces/default/resourcequotas",
    body: 'azhzAAoTCgJ2MRINUmVzb3VyY2VRdW90YRJPChIKAnExEgAaACIAKgAyADgAQgASNwoKCgNjcHUSAwoBMQoPCgZtZW1vcnkSBQoDMUdpCgwKBHBvZHMSBAoCMTASCkJlc3RFZmZvcnQaABoAIgA=',
    json: {"kind":"ResourceQuota","apiVersion":"v1","metadata":{"name":"q1","creationTimestamp":null},"spec":{"hard":{"cpu":"1","memory":"1Gi","pods":"10"},"scopes":["BestEffort"]},"status":{}},
  },
  {
    command: "kubectl create priorityclass pc1 --value=0 --global-default=false --description=d --preemption-policy=Never",
    path: "/apis/scheduling.k8s.io/v1/priorityclasses",
    body: 'azhzAAolChRzY2hlZHVsaW5nLms4cy5pby92MRINUHJpb3JpdHlDbGFzcxIjChMKA3BjMRIAGgAiACoAMgA4AEIAEAAYACIBZCoFTmV2ZXIaACIA',
    json: {"kind":"PriorityClass","apiVersion":"scheduling.k8s.io/v1","metadata":{"name":"pc1","creationTimestamp":null},"value":0,"description":"d","preemptionPolicy":"Never"},
  },
  {
    command: "kubectl create poddisruptionbudget pdb1 --selector=app=x --min-available=0",
    path: "/apis/policy/v1/namespaces/default/poddisruptionbudgets",
    body: 'azhzAAogCglwb2xpY3kvdjESE1BvZERpc3J1cHRpb25CdWRnZXQSOAoUCgRwZGIxEgAaACIAKgAyADgAQgASFAoGCAAQABoAEgoKCAoDYXBwEgF4GgoIABgAIAAoADAAGgAiAA==',
    json: {"kind":"PodDisruptionBudget","apiVersion":"policy/v1","metadata":{"name":"pdb1","creationTimestamp":null},"spec":{"minAvailable":0,"selector":{"matchLabels":{"app":"x"}}},"status":{"disruptionsAllowed":0,"currentHealthy":0,"desiredHealthy":0,"expectedPods":0}},
  },
  {
    command: "kubectl create ingress i1 --rule=\"foo.com/bar=svc1:8080,tls=sec\" --class=nginx --default-backend=svc2:80 --annotation=a=b",
    path: "/apis/networking.k8s.io/v1/namespaces/default/ingresses",
    body: 'azhzAAofChRuZXR3b3JraW5nLms4cy5pby92MRIHSW5ncmVzcxJ4ChoKAmkxEgAaACIAKgAyADgAQgBiBgoBYRIBYhJWCg4iDAoEc3ZjMhIECgAQUBIOCgdmb28uY29tEgNzZWMaLQoHZm9vLmNvbRIiCiAKHgoEL2JhchIPIg0KBHN2YzESBQoAEJA/GgVFeGFjdCIFbmdpbngaAgoAGgAiAA==',
    json: {"kind":"Ingress","apiVersion":"networking.k8s.io/v1","metadata":{"name":"i1","creationTimestamp":null,"annotations":{"a":"b"}},"spec":{"ingressClassName":"nginx","defaultBackend":{"service":{"name":"svc2","port":{"number":80}}},"tls":[{"hosts":["foo.com"],"secretName":"sec"}],"rules":[{"host":"foo.com","http":{"paths":[{"path":"/bar","pathType":"Exact","backend":{"service":{"name":"svc1","port":{"number":8080}}}}]}}]},"status":{"loadBalancer":{}}},
  },
  {
    command: "kubectl create serviceaccount sa1",
    path: "/api/v1/namespaces/default/serviceaccounts",
    body: 'azhzAAoUCgJ2MRIOU2VydmljZUFjY291bnQSFQoTCgNzYTESABoAIgAqADIAOABCABoAIgA=',
    json: {"kind":"ServiceAccount","apiVersion":"v1","metadata":{"name":"sa1","creationTimestamp":null}},
  },
];

/** `kubectl create token sa1`: a TokenRequest with an empty spec. */
export const KUBECTL_1_32_TOKEN_REQUEST = {
  path: "/api/v1/namespaces/default/serviceaccounts/sa1/token",
  body: 'azhzAAooChhhdXRoZW50aWNhdGlvbi5rOHMuaW8vdjESDFRva2VuUmVxdWVzdBIaChAKABIAGgAiACoAMgA4AEIAEgAaBAoAEgAaACIA',
} as const;
